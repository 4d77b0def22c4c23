import { describe, expect, it } from 'vitest';
import type { CouponRule } from './coupon-rule.js';
import { holdExpiry, holdRefusal, isExhaustion, windowProblem, closedOnCreation } from './coupon-hold.js';

const at = new Date('2026-12-05T12:00:00.000Z');
const rule = (over: Partial<CouponRule> = {}): CouponRule => ({
  code: 'WELCOME10',
  discount: { percentOff: 10 },
  usageLimit: 100,
  perCustomerLimit: 1,
  startsAt: null,
  endsAt: null,
  active: true,
  used: 0,
  held: 0,
  ...over,
});

describe('holdRefusal', () => {
  it('holds a live coupon with uses left', () => {
    expect(holdRefusal(rule(), at, 0)).toBeNull();
    expect(holdRefusal(rule({ usageLimit: null, perCustomerLimit: null, used: 10_000 }), at, 50)).toBeNull();
  });

  it('names why, in the order a shopper would want to hear it', () => {
    expect(holdRefusal(null, at, 0)).toBe('unknown');
    expect(holdRefusal(rule({ active: false, used: 100 }), at, 0)).toBe('inactive');
    expect(holdRefusal(rule({ startsAt: new Date(at.getTime() + 1000) }), at, 0)).toBe('not_started');
    expect(holdRefusal(rule({ endsAt: at }), at, 0)).toBe('expired');
    expect(holdRefusal(rule({ used: 60, held: 40 }), at, 0)).toBe('exhausted');
    expect(holdRefusal(rule({ perCustomerLimit: 2 }), at, 2)).toBe('customer_limit');
  });

  it('counts held uses against the limit like consumed ones, to the last use', () => {
    expect(holdRefusal(rule({ used: 59, held: 40 }), at, 0)).toBeNull();
    expect(holdRefusal(rule({ used: 0, held: 100 }), at, 0)).toBe('exhausted');
  });

  it('opens at startsAt exactly and closes at endsAt exactly', () => {
    expect(holdRefusal(rule({ startsAt: at }), at, 0)).toBeNull();
    expect(holdRefusal(rule({ endsAt: new Date(at.getTime() + 1) }), at, 0)).toBeNull();
  });
});

describe('helpers', () => {
  it('classifies exhaustion, computes the expiry and checks a window', () => {
    expect(isExhaustion('customer_limit')).toBe(true);
    expect(isExhaustion('expired')).toBe(false);
    expect(holdExpiry(at, 90).toISOString()).toBe('2026-12-05T12:01:30.000Z');
    expect(windowProblem(at, at)).toBe('must be after the start');
    expect(windowProblem(at, null)).toBeNull();
  });
});

describe('closedOnCreation', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('refuses a new coupon whose window has already closed, at its end instant too', () => {
    expect(closedOnCreation(new Date('2026-12-06T10:00:00Z'), now)).toBe('must be in the future (the coupon would never apply)');
    expect(closedOnCreation(now, now)).not.toBeNull();
  });
  it('takes an open-ended coupon or one that ends later', () => {
    expect(closedOnCreation(null, now)).toBeNull();
    expect(closedOnCreation(new Date('2026-12-07T10:00:01Z'), now)).toBeNull();
  });
});
