import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The unsubscribe link's token: the address, signed (HMAC-SHA256), so a link unsubscribes only
 * the address it was sent to and nobody can forge one for another. It does not expire: an old
 * email's link must still work.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  /**
   * Derives the key from the platform's service-credential secret (HKDF with its own label), so
   * no extra secret has to be generated and a leaked token key says nothing about the credential.
   */
  static derivedFrom(platformSecret: string): UnsubscribeTokens {
    const key = Buffer.from(hkdfSync('sha256', platformSecret, 'flashshop', 'notifications/unsubscribe-token', 32));
    return new UnsubscribeTokens(key.toString('base64url'));
  }

  sign(email: string): string {
    const payload = Buffer.from(email.trim().toLowerCase(), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The address the token was made for, or null when it is not one of ours. */
  verify(token: string): string | null {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const email = Buffer.from(payload, 'base64url').toString('utf8');
    return email.includes('@') ? email : null;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`unsubscribe:${payload}`).digest('base64url');
  }
}
