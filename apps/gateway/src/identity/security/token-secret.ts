import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe (refresh tokens, password reset links): unguessable, so a fast hash suffices to store it. */
export function newTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token: a stolen table yields no usable token. */
export function hashTokenSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
