import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { Role } from '@shop/contracts';

export interface AccessTokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export type VerifiedToken = { ok: true; userId: string; role: Role } | { ok: false; reason: 'expired' | 'invalid' };

const ALGORITHM = 'HS256';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived HS256 JWTs: `sub` (user id), `role`, `iat`, `exp`, `iss`, `aud`. Verification
 * pins the algorithm (no `none`, no algorithm confusion) and checks issuer, audience and expiry.
 */
export class AccessTokens {
  private constructor(
    private readonly key: webcrypto.CryptoKey,
    private readonly settings: AccessTokenSettings,
  ) {}

  /** The HMAC key is imported once: importing it per request would cost more than the check. */
  static async create(settings: AccessTokenSettings): Promise<AccessTokens> {
    const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(settings.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return new AccessTokens(key, settings);
  }

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  issue(user: { id: string; role: Role }, now: Date = new Date()): Promise<string> {
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
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const role = Role.safeParse(payload['role']);
      if (!role.success || typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return { ok: false, reason: 'invalid' };
      return { ok: true, userId: payload.sub, role: role.data };
    } catch (err) {
      if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (err instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
      throw err;
    }
  }
}
