import { createHash } from 'node:crypto';
import type { ShippingAddress } from '@shop/contracts';

/**
 * Where a parcel goes, as one string whatever the spelling: case, accents, punctuation and
 * spacing do not matter, nor does the recipient's name (another account, same door).
 */
export function normalizedAddress(address: ShippingAddress): string {
  const part = (text: string | undefined) =>
    (text ?? '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return [part(address.line1), part(address.line2), part(address.city), part(address.region), part(address.postalCode).replace(/ /g, ''), address.country.toUpperCase()].join('|');
}

/**
 * The identities, besides the customer, that a per-customer sale limit counts a checkout against:
 * its shipping address and its card. A second account shipping to the same address or paying with
 * the same card shares the first one's allowance.
 */
export function limitKeysOf(address: ShippingAddress, cardFingerprint: string): string[] {
  const addressHash = createHash('sha256').update(normalizedAddress(address)).digest('base64url').slice(0, 32);
  return [`addr:${addressHash}`, `card:${cardFingerprint}`];
}
