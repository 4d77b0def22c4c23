import { describe, expect, it } from 'vitest';
import type { PromotionBenefit, PromotionTarget } from '@shop/contracts';
import type { CouponRule } from './coupon-rule.js';
import { PromotionIndex, quoteLines, type EngineLine, type PromotionRule } from './promotion-engine.js';

const NOW = Date.parse('2030-01-01T12:00:00Z');
let seq = 0;

function promo(target: PromotionTarget, benefit: PromotionBenefit, over: Partial<PromotionRule> = {}): PromotionRule {
  seq++;
  return {
    id: `p${seq}`,
    name: `Promo ${seq}`,
    target,
    benefit,
    minSubtotal: null,
    startsAt: null,
    endsAt: null,
    priority: 0,
    exclusive: false,
    active: true,
    createdAt: new Date(NOW - 1_000_000 + seq),
    ...over,
  };
}
function line(sku: string, unitPrice: number, quantity = 1, over: Partial<EngineLine> = {}): EngineLine {
  return { sku, productId: `prod-${sku}`, categoryIds: [], quantity, unitPrice, ...over };
}
function coupon(discount: CouponRule['discount'], over: Partial<CouponRule> = {}): CouponRule {
  return { code: 'SAVE', discount, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null, active: true, used: 0, held: 0, ...over };
}
const run = (promos: PromotionRule[], lines: EngineLine[], extra: { coupon?: CouponRule; shippingFee?: number; atMs?: number } = {}) =>
  quoteLines(PromotionIndex.build(promos), lines, { atMs: extra.atMs ?? NOW, currency: 'EUR', coupon: extra.coupon ?? null, shippingFee: extra.shippingFee ?? 0 });
const totals = (r: ReturnType<typeof run>) => r.lines.map((l) => l.total);
const pct = (percent: number): PromotionBenefit => ({ kind: 'percent_off', percent });
const off = (amount: number): PromotionBenefit => ({ kind: 'amount_off', amount: { amount, currency: 'EUR' } });
const skus = (...s: string[]): PromotionTarget => ({ kind: 'sku', skus: s });
const cart: PromotionTarget = { kind: 'cart' };

/** The totals of a result agree with each other: lines + shipping = total, subtotal − discounts = total. */
function expectConsistent(r: ReturnType<typeof run>) {
  const lineSum = r.lines.reduce((a, l) => a + l.total, 0);
  expect(lineSum + r.shipping.total).toBe(r.total);
  expect(r.subtotal - r.discountTotal + r.shipping.amount).toBe(r.total);
  for (const l of r.lines) expect(l.total).toBeGreaterThanOrEqual(0);
}

describe('promotion engine: benefits', () => {
  it('takes a percentage off a SKU per line, rounded half up, and says which promotion and why', () => {
    const p = promo(skus('A'), pct(15), { name: 'Spring' });
    const r = run([p], [line('A', 333, 3), line('B', 1000)]);
    // 999 × 15% = 149.85 → 150
    expect(r.lines[0]!.discounts).toEqual([{ source: 'promotion', sourceId: p.id, label: 'Spring', reason: '15% off on selected items (Spring)', amount: 150 }]);
    expect(totals(r)).toEqual([849, 1000]);
    expect(r.discountTotal).toBe(150);
    expectConsistent(r);
  });

  it('targets a product and a category subtree (the line carries its categories with ancestors)', () => {
    const byProduct = promo({ kind: 'product', productIds: ['prod-A'] }, pct(10));
    const byCategory = promo({ kind: 'category', categoryIds: ['clothing'] }, pct(20));
    const r = run([byProduct, byCategory], [line('A', 1000), line('T', 1000, 1, { categoryIds: ['tees', 'tops', 'clothing'] }), line('H', 1000, 1, { categoryIds: ['home'] })]);
    expect(totals(r)).toEqual([900, 800, 1000]);
  });

  it('takes an amount off each unit of a targeted line, never below zero', () => {
    const r = run([promo(skus('A', 'B'), off(300))], [line('A', 1000, 2), line('B', 200, 1)]);
    expect(totals(r)).toEqual([1400, 0]);
    expect(r.lines[1]!.discounts[0]!.amount).toBe(200);
    expectConsistent(r);
  });

  it('spreads an amount off the cart over the lines proportionally, the remainder on the largest, adding up exactly', () => {
    const p = promo(cart, off(1000));
    const r = run([p], [line('A', 3000), line('B', 1000), line('C', 2000)]);
    expect(r.lines.map((l) => l.discounts[0]!.amount)).toEqual([501, 166, 333]);
    expect(r.cartDiscounts).toEqual([expect.objectContaining({ sourceId: p.id, amount: 1000 })]);
    expect(r.discountTotal).toBe(1000);
    expect(r.total).toBe(5000);
    expectConsistent(r);
  });

  it('caps an amount off the cart at the cart', () => {
    const r = run([promo(cart, off(10_000))], [line('A', 300), line('B', 200)]);
    expect(totals(r)).toEqual([0, 0]);
    expect(r.cartDiscounts[0]!.amount).toBe(500);
    expectConsistent(r);
  });

  it('buy 2 get 1: the cheapest units of every 3 across the targeted lines are free', () => {
    const p = promo(skus('A', 'B'), { kind: 'buy_x_get_y', buy: 2, get: 1 });
    // 5 units (A 1000 ×2, B 400 ×3): one group of 3 → the one cheapest unit (a B) is free.
    let r = run([p], [line('A', 1000, 2), line('B', 400, 3)]);
    expect(totals(r)).toEqual([2000, 800]);
    expect(r.lines[1]!.discounts[0]!.reason).toContain('buy 2 get 1 free');
    // 6 units: two groups → two cheapest units free, both B.
    r = run([p], [line('A', 1000, 3), line('B', 400, 3)]);
    expect(totals(r)).toEqual([3000, 400]);
    // 2 units only: no full group, nothing free.
    r = run([p], [line('A', 1000, 1), line('B', 400, 1)]);
    expect(r.discountTotal).toBe(0);
    expectConsistent(r);
  });

  it('waives shipping with free shipping, from a minimum subtotal only', () => {
    const p = promo(cart, { kind: 'free_shipping' }, { minSubtotal: { amount: 5000, currency: 'EUR' } });
    const below = run([p], [line('A', 4999)], { shippingFee: 495 });
    expect(below.shipping).toEqual({ amount: 495, discounts: [], total: 495 });
    const above = run([p], [line('A', 5000)], { shippingFee: 495 });
    expect(above.shipping.total).toBe(0);
    expect(above.shipping.discounts[0]).toMatchObject({ sourceId: p.id, amount: 495, reason: 'free shipping, orders from €50.00 (Promo ' + p.id.slice(1) + ')' });
    expect(above.discountTotal).toBe(495);
    expectConsistent(above);
  });

  it('ignores an amount off or a minimum in another currency', () => {
    const usd = promo(cart, { kind: 'amount_off', amount: { amount: 100, currency: 'USD' } });
    const usdMinimum = promo(cart, pct(10), { minSubtotal: { amount: 1, currency: 'USD' } });
    expect(run([usd, usdMinimum], [line('A', 1000)]).discountTotal).toBe(0);
  });
});

describe('promotion engine: stacking', () => {
  it('runs promotions by priority (highest first), each on what is left of the line', () => {
    const low = promo(skus('A'), off(100), { priority: 1 });
    const high = promo(skus('A'), pct(50), { priority: 9 });
    // 50% of 1000 = 500, then 100 off → 400. (The other order would give 450.)
    const r = run([low, high], [line('A', 1000)]);
    expect(totals(r)).toEqual([400]);
    expect(r.lines[0]!.discounts.map((d) => d.sourceId)).toEqual([high.id, low.id]);
  });

  it('breaks priority ties by creation, oldest first', () => {
    const older = promo(skus('A'), pct(50), { createdAt: new Date(NOW - 2000) });
    const newer = promo(skus('A'), off(100), { createdAt: new Date(NOW - 1000) });
    expect(totals(run([newer, older], [line('A', 1000)]))).toEqual([400]);
  });

  it('an exclusive promotion skips lines already discounted, and nothing applies after it on its lines', () => {
    const first = promo(skus('A'), pct(10), { priority: 9 });
    const exclusive = promo(skus('A', 'B'), pct(50), { priority: 5, exclusive: true });
    const after = promo(skus('A', 'B'), off(100), { priority: 1 });
    const r = run([first, exclusive, after], [line('A', 1000), line('B', 1000)]);
    // A: 10% → 900, exclusive skips it, then 100 off → 800. B: exclusive 50% → 500, locked.
    expect(totals(r)).toEqual([800, 500]);
    expect(r.lines[1]!.discounts.map((d) => d.sourceId)).toEqual([exclusive.id]);
    expectConsistent(r);
  });

  it('an exclusive cart promotion applies only when nothing is discounted yet, then takes the whole cart', () => {
    const item = promo(skus('A'), pct(10), { priority: 9 });
    const exclusiveCart = promo(cart, pct(20), { priority: 5, exclusive: true });
    const later = promo(skus('B'), off(100), { priority: 1 });
    expect(totals(run([item, exclusiveCart, later], [line('A', 1000), line('B', 1000)]))).toEqual([900, 900]);
    const r = run([exclusiveCart, later], [line('A', 1000), line('B', 1000)]);
    expect(totals(r)).toEqual([800, 800]);
    expect(r.cartDiscounts).toEqual([expect.objectContaining({ sourceId: exclusiveCart.id, amount: 400 })]);
  });

  it('applies the coupon last on what is left, but not on lines an exclusive promotion took', () => {
    const exclusive = promo(skus('A'), pct(50), { exclusive: true });
    const stacking = promo(skus('B'), off(200));
    const r = run([exclusive, stacking], [line('A', 1000), line('B', 1000), line('C', 1000)], { coupon: coupon({ percentOff: 10 }) });
    // A locked at 500; B 800 − 10% = 720; C 1000 − 10% = 900.
    expect(totals(r)).toEqual([500, 720, 900]);
    expect(r.couponApplied).toBe(true);
    expect(r.cartDiscounts).toEqual([expect.objectContaining({ source: 'coupon', sourceId: 'SAVE', amount: 180, reason: 'coupon SAVE: 10% off' })]);
    expectConsistent(r);
  });

  it('an amount coupon spreads over the lines left, and gives nothing when an exclusive promotion took everything', () => {
    const r = run([], [line('A', 3000), line('B', 1000)], { coupon: coupon({ amountOff: { amount: 500, currency: 'EUR' } }) });
    expect(totals(r)).toEqual([2625, 875]);
    const taken = run([promo(cart, pct(10), { exclusive: true })], [line('A', 1000)], { coupon: coupon({ percentOff: 10 }) });
    expect(taken.couponApplied).toBe(false);
  });

  it('a free-shipping coupon waives what is left of shipping', () => {
    const r = run([], [line('A', 1000)], { coupon: coupon({ freeShipping: true }), shippingFee: 495 });
    expect(r.shipping).toMatchObject({ total: 0, discounts: [expect.objectContaining({ source: 'coupon', amount: 495 })] });
    expect(r.couponApplied).toBe(true);
    expectConsistent(r);
  });

  it('never takes a line below zero however much stacks', () => {
    const r = run([promo(skus('A'), off(800)), promo(skus('A'), off(800)), promo(cart, off(5000))], [line('A', 1000), line('B', 100)], {
      coupon: coupon({ amountOff: { amount: 9999, currency: 'EUR' } }),
    });
    expect(totals(r)).toEqual([0, 0]);
    expect(r.total).toBe(0);
    expectConsistent(r);
  });
});

describe('promotion engine: windows and the index', () => {
  const opensAt = new Date(NOW + 60_000);
  const closesAt = new Date(NOW + 120_000);

  it('applies a promotion from its start (inclusive) to its end (exclusive)', () => {
    const p = promo(skus('A'), pct(10), { startsAt: opensAt, endsAt: closesAt });
    expect(run([p], [line('A', 1000)], { atMs: opensAt.getTime() - 1 }).discountTotal).toBe(0);
    expect(run([p], [line('A', 1000)], { atMs: opensAt.getTime() }).discountTotal).toBe(100);
    expect(run([p], [line('A', 1000)], { atMs: closesAt.getTime() - 1 }).discountTotal).toBe(100);
    expect(run([p], [line('A', 1000)], { atMs: closesAt.getTime() }).discountTotal).toBe(0);
  });

  it('reports the next instant a promotion of these lines or the coupon opens or closes', () => {
    const later = promo(skus('A'), pct(10), { startsAt: opensAt });
    const elsewhere = promo(skus('Z'), pct(10), { startsAt: new Date(NOW + 1000) });
    expect(run([later, elsewhere], [line('A', 1000)]).nextChangeMs).toBe(opensAt.getTime());
    expect(run([promo(skus('A'), pct(10), { endsAt: closesAt })], [line('A', 1000)]).nextChangeMs).toBe(closesAt.getTime());
    expect(run([], [line('A', 1000)], { coupon: coupon({ percentOff: 5 }, { endsAt: closesAt }) }).nextChangeMs).toBe(closesAt.getTime());
    expect(run([], [line('A', 1000)]).nextChangeMs).toBe(Infinity);
  });

  it('answers each quote on its own when one index serves many', () => {
    const promos = [promo(skus('A'), pct(10)), promo({ kind: 'category', categoryIds: ['c'] }, off(50)), promo(cart, off(10))];
    const shared = PromotionIndex.build(promos);
    const options = { atMs: NOW, currency: 'EUR', coupon: null, shippingFee: 0 };
    const first = [line('A', 1000, 1, { categoryIds: ['c'] }), line('B', 500)];
    const second = [line('B', 500), line('C', 700, 2, { categoryIds: ['c'] })];
    quoteLines(shared, first, options);
    expect(quoteLines(shared, second, options)).toEqual(quoteLines(PromotionIndex.build(promos), second, options));
    expect(quoteLines(shared, first, options)).toEqual(quoteLines(PromotionIndex.build(promos), first, options));
  });

  it('leaves inactive promotions out of the index', () => {
    const index = PromotionIndex.build([promo(skus('A'), pct(10), { active: false }), promo(cart, pct(5))]);
    expect(index.size).toBe(1);
  });

  it('counts a promotion once for a line that reaches it through two categories', () => {
    const p = promo({ kind: 'category', categoryIds: ['tops', 'clothing'] }, pct(10));
    const r = run([p], [line('T', 1000, 1, { categoryIds: ['tees', 'tops', 'clothing'] })]);
    expect(r.lines[0]!.discounts).toHaveLength(1);
    expect(r.discountTotal).toBe(100);
  });

  it('gives the same answer as checking every promotion, with 1,000 promotions', () => {
    const many: PromotionRule[] = [];
    for (let i = 0; i < 1000; i++) many.push(promo(skus(`S${i}`), pct(1 + (i % 50)), { priority: i % 7, exclusive: i % 11 === 0 }));
    many.push(promo(cart, off(123), { priority: 3 }));
    const lines = [line('S1', 1999, 2), line('S22', 4999), line('S500', 250, 4), line('NONE', 1000)];
    const indexed = run(many, lines);
    // The same promotions that target these lines, alone: the rest must not change anything.
    const relevant = many.filter((p) => p.target.kind === 'cart' || (p.target.kind === 'sku' && p.target.skus.some((s) => lines.some((l) => l.sku === s))));
    expect(relevant).toHaveLength(4);
    expect(run(relevant, lines)).toEqual(indexed);
  });
});
