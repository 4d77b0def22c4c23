import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { Role } from '@shop/contracts';

export interface AccessTokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** `issuedAt`: the token's `iat`, in seconds (tokens from before a password change stop working). */
export type VerifiedToken = { ok: true; userId: string; role: Role; issuedAt: number } | { ok: false; reason: 'expired' | 'invalid' };

const ALGORITHM = 'HS256';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Verified = Extract<VerifiedToken, { ok: true }>;

/** How many verified tokens are remembered (a shopper's token is sent with every request of a session). */
const REMEMBERED_TOKENS = 20_000;

/**
 * Short-lived HS256 JWTs: `sub` (user id), `role`, `iat`, `exp`, `iss`, `aud`. Verification
 * pins the algorithm (no `none`, no algorithm confusion) and checks issuer, audience and expiry.
 *
 * A token that verified is remembered, keyed by its whole text (signature included), until its
 * `exp`: the same bytes verify the same way until then, and the HMAC check through WebCrypto
 * is the largest part of an authenticated request's cost at the edge. Whether the account
 * still exists, and its role, is asked on every request regardless (Authenticator).
 */
export class AccessTokens {
  private readonly verified = new Map<string, { result: Verified; exp: number }>();

  private constructor(
    private readonly key: webcrypto.CryptoKey,
    private readonly settings: AccessTokenSettings,
    private readonly now: () => number,
  ) {}

  /** The HMAC key is imported once: importing it per request would cost more than the check. */
  static async create(settings: AccessTokenSettings, now: () => number = Date.now): Promise<AccessTokens> {
    const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(settings.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return new AccessTokens(key, settings, now);
  }

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  issue(user: { id: string; role: Role }, now: Date = new Date(this.now())): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.settings.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<VerifiedToken> {
    const nowMs = this.now();
    const known = this.verified.get(token);
    if (known) {
      // jose's rule: expired once exp <= now, in whole seconds.
      if (known.exp > Math.floor(nowMs / 1000)) return known.result;
      this.verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: new Date(nowMs),
      });
      const role = Role.safeParse(payload['role']);
      if (!role.success || typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return { ok: false, reason: 'invalid' };
      const result: Verified = { ok: true, userId: payload.sub, role: role.data, issuedAt: payload.iat! };
      this.remember(token, result, payload.exp!);
      return result;
    } catch (err) {
      if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (err instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
      throw err;
    }
  }

  private remember(token: string, result: Verified, exp: number): void {
    // Maps iterate in insertion order: dropping the first entry drops the oldest.
    if (this.verified.size >= REMEMBERED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { result, exp });
  }
}
