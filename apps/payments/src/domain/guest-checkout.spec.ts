import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cartOwnerOf, guestOwnerId, guestRefusal, orderCustomerOf, shopperOf } from './guest-checkout.js';

const CART = 'c_AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_CART = 'c_BBBBBBBBBBBBBBBBBBBBBB';
const ACCOUNT = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';

describe('guest checkout identity', () => {
  it('keys a guest checkout by a UUID derived from the cart: the same for the same cart, another for another', () => {
    const id = guestOwnerId(CART);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('8'); // version 8: RFC 9562's custom layout, never an account's v4 id
    expect(guestOwnerId(CART)).toBe(id);
    expect(guestOwnerId(OTHER_CART)).not.toBe(id);
  });

  it('names a guest to pricing and inventory by the cart, and gives the cart and the order no owner', () => {
    const guest = { guest: true, customerId: guestOwnerId(CART), cartId: CART };
    const account = { guest: false, customerId: ACCOUNT, cartId: CART };
    expect(shopperOf(guest)).toBe(`guest:${CART}`);
    expect([cartOwnerOf(guest), orderCustomerOf(guest)]).toEqual([null, null]);
    expect([shopperOf(account), cartOwnerOf(account), orderCustomerOf(account)]).toEqual([ACCOUNT, ACCOUNT, ACCOUNT]);
  });
});

describe('guestRefusal', () => {
  it('lets a guest buy ordinary products', () => {
    expect(guestRefusal([{ sku: 'TEE-M', priceSource: 'list' }, { sku: 'CAP', priceSource: 'price_list' }], [])).toBeNull();
  });

  it('refuses flash-sale lines and SKUs with a per-customer limit, naming each once', () => {
    const refusal = guestRefusal(
      [
        { sku: 'SALE-1', priceSource: 'flash_sale', flashSaleId: '0b8f6c1e-2a4d-4f3b-9c0e-1d2e3f4a5b6c' },
        { sku: 'TEE-M', priceSource: 'list' },
        { sku: 'LIMITED', priceSource: 'list' },
      ],
      ['LIMITED', 'SALE-1'],
    );
    expect(refusal).toMatchObject({ code: 'ACCOUNT_REQUIRED', details: { skus: ['LIMITED', 'SALE-1'] } });
    expect(refusal?.reason).toMatch(/^sign in or register to buy LIMITED, SALE-1/);
  });
});
