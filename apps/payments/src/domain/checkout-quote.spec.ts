import { describe, expect, it } from 'vitest';
import type { AppliedDiscount, Quote, QuoteLine } from '@shop/contracts';
import { cartRefusal, decideQuote, lockQuote, quoteRequestOf, type CartContents } from './checkout-quote.js';
import { replacementSku } from './reservation-swap.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const coupon = (amount: number): AppliedDiscount => ({ source: 'coupon', sourceId: 'WELCOME10', label: 'Welcome', reason: 'coupon WELCOME10', amount });

function cart(overrides: Partial<CartContents> = {}): CartContents {
  return {
    currency: 'EUR',
    couponCode: null,
    lines: [
      { sku: 'TEE-M', quantity: 2, productTitle: 'Tee', title: 'M' },
      { sku: 'CAP', quantity: 1, productTitle: 'Cap', title: 'Cap' },
    ],
    ...overrides,
  };
}

function line(sku: string, quantity: number, unit: number, discounts: AppliedDiscount[] = []): QuoteLine {
  const off = discounts.reduce((n, d) => n + d.amount, 0);
  return { sku, quantity, unitPrice: eur(unit), listPrice: eur(unit), priceSource: 'list', discounts, total: eur(unit * quantity - off) };
}

/** A consistent quote of `cart()`: tees 2 × 2500, cap 999, shipping 495, with `extra` off the cart. */
function quote(opts: { tee?: number; extra?: AppliedDiscount[]; couponCode?: string | null; lines?: QuoteLine[]; signature?: string } = {}): Quote {
  const cartDiscounts = opts.extra ?? [];
  // As pricing does: a cart-wide discount is also in the lines' discounts (here all on the first line).
  const given = opts.lines ?? [line('TEE-M', 2, opts.tee ?? 2500), line('CAP', 1, 999)];
  const lines = given.map((l, i) => (i === 0 && cartDiscounts.length > 0 ? line(l.sku, l.quantity, l.unitPrice.amount, [...l.discounts, ...cartDiscounts]) : l));
  const subtotal = lines.reduce((n, l) => n + l.unitPrice.amount * l.quantity, 0);
  const discountTotal = lines.flatMap((l) => l.discounts).reduce((n, d) => n + d.amount, 0);
  return {
    lines,
    cartDiscounts,
    couponCode: opts.couponCode ?? null,
    subtotal: eur(subtotal),
    discountTotal: eur(discountTotal),
    shipping: { amount: eur(495), discounts: [], total: eur(495) },
    total: eur(Math.max(0, subtotal - discountTotal + 495)),
    currency: 'EUR',
    customerGroup: null,
    quotedAt: '2026-12-05T10:00:00.000Z',
    expiresAt: '2026-12-05T10:15:00.000Z',
    signature: opts.signature ?? 'sig-a',
  };
}

const ok = { valid: true, reason: 'ok' } as const;
const expired = { valid: false, reason: 'expired' } as const;
const forged = { valid: false, reason: 'bad_signature' } as const;

describe('the checkout quote', () => {
  it('asks pricing for the cart\'s lines, its coupon and its currency', () => {
    expect(quoteRequestOf(cart({ couponCode: 'WELCOME10' }))).toEqual({
      lines: [{ sku: 'TEE-M', quantity: 2 }, { sku: 'CAP', quantity: 1 }],
      couponCode: 'WELCOME10',
      currency: 'EUR',
    });
    expect(quoteRequestOf(cart())).not.toHaveProperty('couponCode');
  });

  it('refuses an empty cart before asking pricing (a line no longer sold is pricing\'s refusal)', () => {
    expect(cartRefusal(cart({ lines: [] }))?.code).toBe('CART_EMPTY');
    expect(cartRefusal(cart())).toBeNull();
  });

  it('without an offered quote, locks pricing\'s quote now: lines named from the cart, discounts with their source, shipping, total', () => {
    const current = quote({ couponCode: 'WELCOME10', extra: [coupon(1000)], lines: [line('TEE-M', 2, 2500, [{ ...coupon(500), source: 'promotion', sourceId: 'p1' }]), line('CAP', 1, 999)] });
    const decision = decideQuote({ cart: cart({ couponCode: 'WELCOME10' }), current });
    expect(decision).toEqual({
      quote: {
        currency: 'EUR',
        lines: [
          { sku: 'TEE-M', name: 'Tee (M)', unitPrice: 2500, quantity: 2 },
          { sku: 'CAP', name: 'Cap', unitPrice: 999, quantity: 1 },
        ],
        subtotal: 5999,
        discounts: [
          { source: 'promotion', sourceId: 'p1', label: 'Welcome', reason: 'coupon WELCOME10', amount: 500, sku: 'TEE-M' },
          { source: 'coupon', sourceId: 'WELCOME10', label: 'Welcome', reason: 'coupon WELCOME10', amount: 1000, sku: 'TEE-M' },
        ],
        discountTotal: 1500,
        shipping: 495,
        total: 5999 - 1500 + 495,
        couponCode: 'WELCOME10',
        quotedAt: current.quotedAt,
        expiresAt: current.expiresAt,
      },
    });
  });

  it('charges the offered quote when pricing verifies it and its total is still pricing\'s total', () => {
    const offered = quote({ signature: 'shown' });
    const decision = decideQuote({ cart: cart(), current: quote({ signature: 'now' }), offered: { quote: offered, verdict: ok } });
    expect(decision).toMatchObject({ quote: { total: offered.total.amount, quotedAt: offered.quotedAt } });
  });

  it('refuses a verified quote whose total is no longer pricing\'s with PRICE_CHANGED and the new quote', () => {
    const current = quote({ tee: 2700 });
    const decision = decideQuote({ cart: cart(), current, offered: { quote: quote(), verdict: ok } });
    expect(decision).toEqual({
      failure: { code: 'PRICE_CHANGED', reason: expect.stringContaining('6494 → 6894'), details: { quote: current, previousTotal: eur(6494) } },
    });
  });

  it('replaces an expired quote by the current one when the total is the same, refuses it when the total moved', () => {
    const same = decideQuote({ cart: cart(), current: quote({ signature: 'now' }), offered: { quote: quote(), verdict: expired } });
    expect(same).toMatchObject({ quote: { total: 6494 } });
    const moved = decideQuote({ cart: cart(), current: quote({ tee: 2000 }), offered: { quote: quote(), verdict: expired } });
    expect(moved).toMatchObject({ failure: { code: 'PRICE_CHANGED', reason: expect.stringContaining('expired'), details: { quote: { total: eur(5494) } } } });
  });

  it('refuses a forged quote with QUOTE_INVALID naming the field, even when its total happens to match', () => {
    const tampered = quote({ tee: 1 });
    for (const offered of [tampered, quote()]) {
      const decision = decideQuote({ cart: cart(), current: quote(), offered: { quote: offered, verdict: forged } });
      expect(decision).toMatchObject({ failure: { code: 'QUOTE_INVALID', details: { field: 'quote', reason: 'bad_signature' } } });
    }
  });

  it('refuses a quote of other lines or another coupon than the cart\'s with PRICE_CHANGED and the cart\'s quote', () => {
    const otherQty = quote({ lines: [line('TEE-M', 1, 2500), line('CAP', 1, 999)] });
    expect(decideQuote({ cart: cart(), current: quote(), offered: { quote: otherQty, verdict: ok } })).toMatchObject({ failure: { code: 'PRICE_CHANGED' } });
    const withCoupon = quote({ couponCode: 'WELCOME10', extra: [coupon(1000)] });
    expect(decideQuote({ cart: cart(), current: quote(), offered: { quote: withCoupon, verdict: ok } })).toMatchObject({
      failure: { code: 'PRICE_CHANGED', details: { quote: { couponCode: null } } },
    });
  });

  describe('a cart coupon that no longer applies (pricing quotes without it and says why)', () => {
    const rejected = (reason: 'exhausted' | 'expired' | 'customer_limit', signature = 'sig-r'): Quote => ({
      ...quote({ signature }),
      couponRejection: { code: 'WELCOME10', reason, message: `Coupon WELCOME10 does not apply (${reason}).` },
    });
    const withCoupon = quote({ couponCode: 'WELCOME10', extra: [coupon(1000)], signature: 'shown' });
    const couponCart = cart({ couponCode: 'WELCOME10' });

    it('charges the total the shopper was shown without it: no coupon locked, so nothing is held or used', () => {
      const shown = rejected('exhausted', 'shown');
      const decision = decideQuote({ cart: couponCart, current: rejected('exhausted', 'now'), offered: { quote: shown, verdict: ok } });
      expect(decision).toMatchObject({ quote: { couponCode: null, discounts: [], discountTotal: 0, total: 6494, quotedAt: shown.quotedAt } });
      // Shown without it for another reason than it has now (ended, then also used up): the same total, charged.
      expect(decideQuote({ cart: couponCart, current: rejected('expired'), offered: { quote: shown, verdict: expired } })).toMatchObject({ quote: { couponCode: null, total: 6494 } });
    });

    it('shown applied and now not: PRICE_CHANGED with the quote without it (and why), for the shopper to confirm', () => {
      const current = rejected('exhausted');
      const decision = decideQuote({ cart: couponCart, current, offered: { quote: withCoupon, verdict: ok } });
      expect(decision).toEqual({
        failure: { code: 'PRICE_CHANGED', reason: expect.stringContaining('5494 → 6494'), details: { quote: current, previousTotal: eur(5494) } },
      });
      // The confirmed new quote then checks out without the coupon.
      expect(decideQuote({ cart: couponCart, current: rejected('exhausted', 'later'), offered: { quote: current, verdict: ok } })).toMatchObject({ quote: { couponCode: null, total: 6494 } });
    });

    it('shown applied, now not, at the same total (another discount took its place): the quote now is charged, never the coupon', () => {
      const current = { ...quote({ extra: [{ ...coupon(1000), source: 'promotion', sourceId: 'p1' }] }), couponRejection: rejected('exhausted').couponRejection };
      expect(current.total).toEqual(withCoupon.total);
      expect(decideQuote({ cart: couponCart, current, offered: { quote: withCoupon, verdict: ok } })).toMatchObject({ quote: { couponCode: null, total: 5494, discounts: [{ source: 'promotion' }] } });
    });

    it('without an offered quote it refuses, naming the coupon and why: the shopper never saw the total without it', () => {
      expect(decideQuote({ cart: couponCart, current: rejected('exhausted') })).toEqual({
        failure: { code: 'COUPON_EXHAUSTED', reason: expect.stringContaining('WELCOME10'), details: { code: 'WELCOME10', reason: 'exhausted' } },
      });
      for (const reason of ['expired', 'customer_limit'] as const) {
        expect(decideQuote({ cart: couponCart, current: rejected(reason) })).toMatchObject({ failure: { code: 'COUPON_INVALID', details: { code: 'WELCOME10', reason } } });
      }
    });

    it('a quote shown for another coupon than the cart carries now is the cart changing: PRICE_CHANGED', () => {
      const shownOther = { ...rejected('exhausted', 'shown'), couponRejection: { code: 'OTHER5', reason: 'exhausted' as const, message: 'x' } };
      expect(decideQuote({ cart: couponCart, current: rejected('exhausted'), offered: { quote: shownOther, verdict: ok } })).toMatchObject({
        failure: { code: 'PRICE_CHANGED', reason: expect.stringContaining('the cart changed') },
      });
    });
  });

  it('refuses pricing\'s own quote when its figures do not add up or do not cover the cart', () => {
    const broken = { ...quote(), total: eur(1) };
    expect(lockQuote(cart(), broken)).toMatchObject({ failure: { code: 'QUOTE_INVALID', details: { reason: 'totals' } } });
    expect(decideQuote({ cart: cart(), current: quote({ lines: [line('TEE-M', 2, 2500)] }) })).toMatchObject({ failure: { code: 'QUOTE_INVALID' } });
    expect(decideQuote({ cart: cart({ currency: 'USD' }), current: quote() })).toMatchObject({ failure: { code: 'CURRENCY_MISMATCH' } });
  });

  it('a discount larger than the goods makes the order free, never negative', () => {
    const current = quote({ lines: [line('TEE-M', 2, 100), line('CAP', 1, 100)], extra: [coupon(10_000)] });
    expect(current.total.amount).toBe(0);
    expect(decideQuote({ cart: cart(), current })).toMatchObject({ quote: { subtotal: 300, discountTotal: 10_000, total: 0 } });
  });

  it('puts the swapped reservation\'s SKU first', () => {
    expect(decideQuote({ cart: cart(), current: quote(), firstSku: 'CAP' })).toMatchObject({ quote: { lines: [{ sku: 'CAP' }, { sku: 'TEE-M' }] } });
  });
});

describe('swapping in the shopper\'s held reservation', () => {
  const held = { reservationId: 'r1_x', customerId: 'me', status: 'held', items: [{ sku: 'CAP', quantity: 1 }] };
  it('is allowed for the customer\'s own held reservation of a SKU in the cart, which goes first', () => {
    expect(replacementSku(held, 'me', cart())).toEqual({ sku: 'CAP' });
  });
  it('is refused for another customer\'s, an unknown, a finished one, or one of other SKUs', () => {
    expect(replacementSku(held, 'someone-else', cart())).toMatchObject({ code: 'RESERVATION_REFUSED', details: { field: 'reservationId', reason: 'not_found' } });
    expect(replacementSku(null, 'me', cart())).toMatchObject({ code: 'RESERVATION_REFUSED' });
    expect(replacementSku({ ...held, status: 'committed' }, 'me', cart())).toMatchObject({ code: 'RESERVATION_REFUSED', details: { reason: 'committed' } });
    expect(replacementSku({ ...held, items: [{ sku: 'OTHER', quantity: 1 }] }, 'me', cart())).toMatchObject({ code: 'RESERVATION_REFUSED', details: { reason: 'other_skus' } });
  });
});
