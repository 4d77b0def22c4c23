import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe token, once verified, lets its holder stop. */
export type UnsubscribeScope =
  /** Every marketing mail to the address (the link of sale reminders, and of back-in-stock mails sent before alert links). */
  | { kind: 'marketing'; email: string }
  /** One back-in-stock request: this customer's, for this SKU. */
  | { kind: 'back-in-stock'; customerId: string; sku: string };

const ALERT_PREFIX = 'bis';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SKU = /^[A-Z0-9][A-Z0-9-]{0,63}$/;

/**
 * The unsubscribe links' tokens, signed (HMAC-SHA256 with a 256-bit key), so a link stops only
 * what it was made for and nobody can forge one for another address or request:
 * - `<base64url(address)>.<mac>`: every marketing mail to that address;
 * - `bis.<customer id>.<SKU>.<mac>`: that customer's back-in-stock request for that SKU.
 * Each kind is signed under its own label, so one kind's signature never verifies as the other.
 * They do not expire: an old email's link must still work.
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

  /** A link that stops every marketing mail to the address. */
  sign(email: string): string {
    const payload = Buffer.from(email.trim().toLowerCase(), 'utf8').toString('base64url');
    return `${payload}.${this.mac(`unsubscribe:${payload}`)}`;
  }

  /** A link that stops one back-in-stock request (and nothing else). */
  signAlert(customerId: string, sku: string): string {
    return `${ALERT_PREFIX}.${customerId}.${sku}.${this.mac(alertMessage(customerId, sku))}`;
  }

  /** What the token stops, or null when it is not one of ours (forged, altered, cut short). */
  read(token: string): UnsubscribeScope | null {
    const parts = token.split('.');
    if (parts.length === 4 && parts[0] === ALERT_PREFIX) {
      const [, customerId, sku, mac] = parts as [string, string, string, string];
      if (!UUID.test(customerId) || !SKU.test(sku)) return null;
      return this.matches(alertMessage(customerId, sku), mac) ? { kind: 'back-in-stock', customerId, sku } : null;
    }
    if (parts.length !== 2) return null;
    const [payload, mac] = parts as [string, string];
    if (!payload || !this.matches(`unsubscribe:${payload}`, mac)) return null;
    const email = Buffer.from(payload, 'base64url').toString('utf8');
    return email.includes('@') ? { kind: 'marketing', email } : null;
  }

  /** The address a marketing token was made for, or null (an alert token is not one). */
  verify(token: string): string | null {
    const scope = this.read(token);
    return scope?.kind === 'marketing' ? scope.email : null;
  }

  private matches(message: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(message));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(message: string): string {
    return createHmac('sha256', this.key).update(message).digest('base64url');
  }
}

function alertMessage(customerId: string, sku: string): string {
  return `back-in-stock-alert:${customerId}:${sku}`;
}
