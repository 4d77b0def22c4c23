import { describe, expect, it } from 'vitest';
import type { ShippingAddress } from '@shop/contracts';
import { limitKeysOf, normalizedAddress } from './purchase-identity.js';

const home: ShippingAddress = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

describe('purchase identity', () => {
  it('spells one address one way, whoever the recipient', () => {
    const same: ShippingAddress = { name: 'A. Byron', line1: '12, ST. JAMES  SQ.', city: 'london', postalCode: 'sw1y4jh', country: 'GB' };
    expect(normalizedAddress(same)).toBe(normalizedAddress(home));
    expect(normalizedAddress({ ...home, line1: '13 St James Sq' })).not.toBe(normalizedAddress(home));
    expect(normalizedAddress({ ...home, city: 'Lóndon' })).toBe(normalizedAddress(home));
  });

  it('names the address and the card as limit keys', () => {
    const [address, card] = limitKeysOf(home, 'fp_visa_0001');
    expect(address).toMatch(/^addr:[A-Za-z0-9_-]{32}$/);
    expect(card).toBe('card:fp_visa_0001');
    expect(limitKeysOf({ ...home, name: 'Someone Else' }, 'x')[0]).toBe(address);
  });
});
