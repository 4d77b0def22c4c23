import { discountRowsOf, type OrderDiscount, type Quote } from '@shop/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lineWithoutCoupon, QuoteSummary, reasonUnder, summaryDiscounts, summaryListsCoupon } from './quote-summary';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** The page's text as a reader gets it: tags out, whitespace collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('QuoteSummary', () => {
  it('shows each discount with its reason, free shipping and the total of the quote', () => {
    const quote: Quote = {
      lines: [
        {
          sku: 'TEE-1',
          quantity: 2,
          unitPrice: eur(2000),
          listPrice: eur(2500),
          priceSource: 'scheduled',
          discounts: [
            { source: 'promotion', sourceId: 'p1', label: 'Summer', reason: '10% off Apparel', amount: 400 },
            // The coupon's share of this line: also in cartDiscounts whole, so listed once.
            { source: 'coupon', sourceId: 'WELCOME10', label: 'Coupon WELCOME10', reason: "coupon WELCOME10: €5.00 off (this line's share)", amount: 500 },
          ],
          total: eur(3100),
        },
      ],
      cartDiscounts: [{ source: 'coupon', sourceId: 'WELCOME10', label: 'Coupon WELCOME10', reason: 'coupon WELCOME10: €5.00 off', amount: 500 }],
      couponCode: 'WELCOME10',
      subtotal: eur(4000),
      discountTotal: eur(900),
      shipping: { amount: eur(0), discounts: [], total: eur(0) },
      total: eur(3100),
      currency: 'EUR',
      customerGroup: null,
      quotedAt: '2026-12-05T12:00:00.000Z',
      expiresAt: '2026-12-05T12:15:00.000Z',
      signature: 'sig',
    };
    expect(summaryDiscounts(quote).reduce((sum, d) => sum + d.amount, 0)).toBe(quote.discountTotal.amount);
    const out = text(renderToStaticMarkup(<QuoteSummary quote={quote} itemCount={2} />));
    // The coupon is named once: its row is "Coupon WELCOME10", its reason without the code again.
    expect(out).toBe('Items 2 Subtotal €40.00 Summer 10% off Apparel −€4.00 Coupon WELCOME10 €5.00 off −€5.00 Shipping Free Total €31.00');
    expect(out.match(/WELCOME10/g)).toHaveLength(1);
    // Its Remove button goes in its row, and nowhere else.
    const withAction = renderToStaticMarkup(<QuoteSummary quote={quote} couponAction={<button type="button">Remove</button>} />);
    expect(text(withAction)).toBe('Subtotal €40.00 Summer 10% off Apparel −€4.00 Coupon WELCOME10 €5.00 off Remove −€5.00 Shipping Free Total €31.00');
    expect(summaryListsCoupon(quote, 'WELCOME10')).toBe(true);
    expect(summaryListsCoupon({ ...quote, cartDiscounts: [], lines: quote.lines.map((l) => ({ ...l, discounts: l.discounts.filter((d) => d.source !== 'coupon') })) }, 'WELCOME10')).toBe(false);
    expect(summaryListsCoupon(null, 'WELCOME10')).toBe(false);
  });

  it('lists the discounts in the order pricing applied them — promotions, then the coupon — as the order page does', () => {
    const coupon = (amount: number) => ({ source: 'coupon' as const, sourceId: 'WELCOME10', label: 'Coupon WELCOME10', reason: "coupon WELCOME10: 10% off (this line's share)", amount });
    const summer = { source: 'promotion' as const, sourceId: 'p-summer', label: 'Summer', reason: '20% off tees', amount: 400 };
    const freeShipping = { source: 'promotion' as const, sourceId: 'p-ship', label: 'Free shipping', reason: 'free shipping over €50', amount: 495 };
    const line = (sku: string, discounts: Quote['lines'][number]['discounts'], total: number) => ({
      sku,
      quantity: 1,
      unitPrice: eur(total + discounts.reduce((n, d) => n + d.amount, 0)),
      listPrice: eur(total + discounts.reduce((n, d) => n + d.amount, 0)),
      priceSource: 'list' as const,
      discounts,
      total: eur(total),
    });
    // The cap, listed first, has only the coupon's share; the tee has the promotion, then the coupon's share.
    const quote: Quote = {
      lines: [line('CAP', [coupon(90)], 810), line('TEE-M', [summer, coupon(160)], 1440)],
      cartDiscounts: [{ ...coupon(250), reason: 'coupon WELCOME10: 10% off' }],
      couponCode: 'WELCOME10',
      subtotal: eur(2900),
      discountTotal: eur(1145),
      shipping: { amount: eur(495), discounts: [freeShipping], total: eur(0) },
      total: eur(2250),
      currency: 'EUR',
      customerGroup: null,
      quotedAt: '2026-12-05T12:00:00.000Z',
      expiresAt: '2026-12-05T12:15:00.000Z',
      signature: 'sig',
    };
    expect(summaryDiscounts(quote).map((d) => d.label)).toEqual(['Summer', 'Free shipping', 'Coupon WELCOME10']);
    expect(text(renderToStaticMarkup(<QuoteSummary quote={quote} />))).toBe(
      'Subtotal €29.00 Summer 20% off tees −€4.00 Free shipping free shipping over €50 −€4.95 Coupon WELCOME10 10% off −€2.50 Shipping Free Total €22.50',
    );
    // The order checkout records from this quote (each line's discounts in turn, then the shipping's) lists the same rows in the same order.
    const recorded: OrderDiscount[] = [
      ...quote.lines.flatMap((l) => l.discounts.map((d) => ({ ...d, sku: l.sku }))),
      ...quote.shipping.discounts,
    ];
    expect(discountRowsOf(recorded).map((r) => [r.label, r.amount])).toEqual(summaryDiscounts(quote).map((d) => [d.label, d.amount]));
  });

  it('does not repeat a promotion’s name under its label', () => {
    expect(reasonUnder({ label: 'Tee week', reason: '15% off on items in selected categories (Tee week)' })).toBe('15% off on items in selected categories');
    expect(reasonUnder({ label: 'Coupon WELCOME10', reason: 'coupon WELCOME10: 10% off' })).toBe('10% off');
    expect(reasonUnder({ label: 'Coupon SHIPFREE', reason: 'coupon SHIPFREE: free shipping' })).toBe('free shipping');
  });

  it('a cart line shows its own discounts and its total before the coupon, which the summary takes off once', () => {
    const line = {
      discounts: [
        { source: 'promotion' as const, sourceId: 'p1', label: 'Summer', reason: '10% off Apparel', amount: 400 },
        { source: 'coupon' as const, sourceId: 'WELCOME10', label: 'Coupon WELCOME10', reason: "coupon WELCOME10: €5.00 off (this line's share)", amount: 500 },
      ],
      total: eur(3100),
    };
    expect(lineWithoutCoupon(line)).toEqual({ discounts: [line.discounts[0]], total: eur(3600) });
  });
});
