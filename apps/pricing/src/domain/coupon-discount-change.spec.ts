import { describe, expect, it } from 'vitest';
import { discountChangeProblem } from './coupon-discount-change.js';

describe('a coupon discount change', () => {
  it('changes the value of the same kind of discount (an amount in the same currency)', () => {
    expect(discountChangeProblem({ percentOff: 10 }, { percentOff: 25 })).toBeNull();
    expect(discountChangeProblem({ amountOff: { amount: 500, currency: 'EUR' } }, { amountOff: { amount: 750, currency: 'EUR' } })).toBeNull();
    expect(discountChangeProblem({ freeShipping: true }, { freeShipping: true })).toBeNull();
  });

  it('refuses another kind of discount or another currency, naming the field', () => {
    expect(discountChangeProblem({ percentOff: 10 }, { amountOff: { amount: 500, currency: 'EUR' } })).toEqual({
      field: 'discount',
      reason: 'must stay a percentage off (percentOff): this coupon takes a percentage off; create a new coupon for another kind of discount',
    });
    expect(discountChangeProblem({ amountOff: { amount: 500, currency: 'EUR' } }, { percentOff: 10 })).toMatchObject({ field: 'discount', reason: expect.stringMatching(/^must stay an amount off in EUR/) });
    expect(discountChangeProblem({ amountOff: { amount: 500, currency: 'EUR' } }, { amountOff: { amount: 500, currency: 'USD' } })).toEqual({
      field: 'discount.amountOff.currency',
      reason: "must be EUR, the coupon's currency",
    });
    expect(discountChangeProblem({ freeShipping: true }, { percentOff: 10 })).toMatchObject({ field: 'discount', reason: expect.stringMatching(/^must stay free shipping/) });
  });
});
