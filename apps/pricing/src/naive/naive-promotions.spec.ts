import { describe, expect, it } from 'vitest';
import { PromotionIndex, quoteLines, type EngineLine, type PromotionRule } from '../domain/promotion-engine.js';
import { naiveQuoteLines } from './naive-promotions.js';

/** mulberry32: a seeded PRNG, so a failing run can be replayed from its seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('the naive baseline gives the engine its answers (bench:pricing compares like with like)', () => {
  it('agrees with quoteLines on 300 random promotion sets and carts', () => {
    const seed = Number(process.env.NAIVE_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
    const at = Date.parse('2026-12-05T12:00:00.000Z');
    const skus = Array.from({ length: 30 }, (_, i) => `SKU-${i}`);
    const products = Array.from({ length: 12 }, (_, i) => uuid(1000 + i));
    const categories = Array.from({ length: 8 }, (_, i) => uuid(2000 + i));
    let discounted = 0;

    for (let round = 0; round < 300; round++) {
      const rules: PromotionRule[] = Array.from({ length: int(0, 60) }, (_, k) => {
        const kind = pick(['sku', 'product', 'category', 'cart'] as const);
        const target =
          kind === 'sku'
            ? { kind, skus: Array.from({ length: int(1, 4) }, () => pick(skus)) }
            : kind === 'product'
              ? { kind, productIds: Array.from({ length: int(1, 3) }, () => pick(products)) }
              : kind === 'category'
                ? { kind, categoryIds: Array.from({ length: int(1, 2) }, () => pick(categories)) }
                : { kind };
        const benefitKind = pick(kind === 'cart' ? (['percent_off', 'amount_off', 'free_shipping'] as const) : (['percent_off', 'amount_off', 'buy_x_get_y', 'free_shipping'] as const));
        const benefit =
          benefitKind === 'percent_off'
            ? { kind: benefitKind, percent: int(1, 100) }
            : benefitKind === 'amount_off'
              ? { kind: benefitKind, amount: { amount: int(1, 5000), currency: random() < 0.95 ? 'EUR' : 'USD' } }
              : benefitKind === 'buy_x_get_y'
                ? { kind: benefitKind, buy: int(1, 3), get: int(1, 2) }
                : { kind: benefitKind };
        const windowed = random() < 0.3;
        return {
          id: uuid(round * 100 + k),
          name: `Promo ${k}`,
          target,
          benefit,
          minSubtotal: random() < 0.2 ? { amount: int(1000, 20000), currency: 'EUR' } : null,
          startsAt: windowed ? new Date(at + int(-3600, 3600) * 1000) : null,
          endsAt: windowed ? new Date(at + int(1, 7200) * 1000) : null,
          priority: int(0, 5),
          exclusive: random() < 0.25,
          active: random() < 0.9,
          createdAt: new Date(at - int(0, 20) * 60_000),
        } as PromotionRule;
      });
      const cartSkus = [...new Set(Array.from({ length: int(1, 10) }, () => pick(skus)))];
      const lines: EngineLine[] = cartSkus.map((sku) => ({
        sku,
        productId: products[Number(sku.slice(4)) % products.length]!,
        categoryIds: [categories[Number(sku.slice(4)) % categories.length]!, ...(random() < 0.5 ? [pick(categories)] : [])],
        quantity: int(1, 6),
        unitPrice: int(1, 20_000),
      }));
      const options = { atMs: at, currency: 'EUR', shippingFee: pick([0, 499]) };
      const engine = quoteLines(PromotionIndex.build(rules), lines, { ...options, coupon: null });
      const naive = naiveQuoteLines(rules, lines, options);
      expect(naive, `seed ${seed}, round ${round}`).toEqual(engine);
      if (engine.discountTotal > 0) discounted++;
    }
    // Not vacuous: most carts got discounts.
    expect(discounted).toBeGreaterThan(150);
  });
});
