import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 tokens that let a service believe a header without believing the network:
 * - an identity assertion, minted by the gateway per request and bound to that request
 *   (method, path with query, request id), valid for seconds;
 * - a service credential, minted by a calling service for itself, valid for seconds.
 * Pure functions: the keys and the time come from the caller.
 */

export const IDENTITY_TTL_SECONDS = 60;
export const SERVICE_CREDENTIAL_TTL_SECONDS = 60;
/** Tolerated clock difference between machines. */
export const CLOCK_SKEW_SECONDS = 30;

const IDENTITY_VERSION = 'v1';
const SERVICE_VERSION = 's1';
const SERVICE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export interface SignedRequest {
  method: string;
  /** Path and query exactly as the receiving service sees them (Fastify `request.url`). */
  url: string;
  requestId: string;
}

export interface Identity {
  userId: string;
  role: string;
  /** The account's email, when the gateway vouches for it too (signed with the rest). */
  email?: string;
}

/** HMAC-SHA256 of `message` under `key`, base64url: the MAC every signed header here uses. */
export function mac(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

/** Constant-time comparison of a MAC we computed with one we were given. */
export function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function identityMessage(identity: Identity, expires: number, request: SignedRequest): string {
  const parts: Array<string | number> = [IDENTITY_VERSION, identity.userId, identity.role, expires, request.method.toUpperCase(), request.url, request.requestId];
  // Appended only when present: signatures without an email stay what they were.
  if (identity.email !== undefined) parts.push(`email:${identity.email}`);
  return parts.join('\n');
}

/** `v1.<expires unix s>.<mac>` over the identity and the request it is for. */
export function signIdentity(key: string, identity: Identity, request: SignedRequest, nowMs: number, ttlSeconds = IDENTITY_TTL_SECONDS): string {
  const expires = Math.floor(nowMs / 1000) + ttlSeconds;
  return `${IDENTITY_VERSION}.${expires}.${mac(key, identityMessage(identity, expires, request))}`;
}

export type VerifyFailure = 'malformed' | 'bad-signature' | 'expired';

/** Checks an identity signature for this exact request; null when valid. */
export function verifyIdentity(key: string, signature: string, identity: Identity, request: SignedRequest, nowMs: number): VerifyFailure | null {
  const parts = signature.split('.');
  if (parts.length !== 3 || parts[0] !== IDENTITY_VERSION || !/^\d{1,12}$/.test(parts[1] ?? '')) return 'malformed';
  const expires = Number(parts[1]);
  if (!sameMac(mac(key, identityMessage(identity, expires, request)), parts[2] ?? '')) return 'bad-signature';
  return withinLifetime(expires, nowMs, IDENTITY_TTL_SECONDS) ? null : 'expired';
}

/** `s1.<service>.<expires unix s>.<mac>`: the calling service, vouched for by the shared service key. */
export function signServiceCredential(key: string, service: string, nowMs: number, ttlSeconds = SERVICE_CREDENTIAL_TTL_SECONDS): string {
  if (!SERVICE_NAME.test(service)) throw new Error(`not a service name: ${JSON.stringify(service)}`);
  const expires = Math.floor(nowMs / 1000) + ttlSeconds;
  return `${SERVICE_VERSION}.${service}.${expires}.${mac(key, `${SERVICE_VERSION}\n${service}\n${expires}`)}`;
}

/** The service a credential names, or why it is refused. */
export function verifyServiceCredential(key: string, credential: string, nowMs: number): { service: string } | VerifyFailure {
  const parts = credential.split('.');
  const [version, service, expiresText, given] = parts;
  if (parts.length !== 4 || version !== SERVICE_VERSION || !SERVICE_NAME.test(service ?? '') || !/^\d{1,12}$/.test(expiresText ?? '')) return 'malformed';
  const expires = Number(expiresText);
  if (!sameMac(mac(key, `${SERVICE_VERSION}\n${service}\n${expires}`), given ?? '')) return 'bad-signature';
  return withinLifetime(expires, nowMs, SERVICE_CREDENTIAL_TTL_SECONDS) ? { service: service as string } : 'expired';
}

/** Not expired, and not issued for longer than the lifetime allows (a far-future expiry is a forgery or a bug). */
function withinLifetime(expires: number, nowMs: number, ttlSeconds: number): boolean {
  const now = nowMs / 1000;
  return now <= expires + CLOCK_SKEW_SECONDS && expires <= now + ttlSeconds + CLOCK_SKEW_SECONDS;
}
