import { describe, expect, it } from 'vitest';
import { Failed, ManualClock, type Quote } from '@shop/contracts';
import type { CouponRule } from '../domain/coupon-rule.js';
import type { PriceListPrice } from '../domain/price-resolution.js';
import type { PromotionRule } from '../domain/promotion-engine.js';
import type { CouponBook } from './coupon-book.js';
import type { DemandPrice, DemandPrices, FlashSalePrice, FlashSalePrices, ProductPriceRecord, ProductPrices } from './price-inputs.js';
import { PricingCache } from './pricing-cache.js';
import type { PricingChangeSignal, PricingRulesSource, SkuRules } from './pricing-rules.js';
import { QuoteService } from './quote-service.js';
import { QuoteSigner } from './quote-signer.js';

// Real in-memory implementations of the service's own ports (no third party involved).
class MemoryProducts implements ProductPrices {
  readonly records = new Map<string, ProductPriceRecord>();
  reads = 0;
  async bySkus(skus: readonly string[]) {
    this.reads++;
    return new Map(skus.filter((s) => this.records.has(s)).map((s) => [s, this.records.get(s)!]));
  }
}
class MemoryRules implements PricingRulesSource {
  readonly skus = new Map<string, SkuRules>();
  promotions: PromotionRule[] = [];
  async skuRules(skus: readonly string[]) {
    return new Map(skus.filter((s) => this.skus.has(s)).map((s) => [s, this.skus.get(s)!]));
  }
  async livePromotions() {
    return this.promotions;
  }
}
class MemorySignal implements PricingChangeSignal {
  value = 0;
  down = false;
  async current() {
    if (this.down) throw new Error('redis down');
    return String(this.value);
  }
  async bump() {
    this.value++;
  }
}
class MemoryFlashSales implements FlashSalePrices {
  sales: FlashSalePrice[] = [];
  async forSkus(skus: readonly string[], at: Date) {
    return this.sales.filter((s) => skus.includes(s.sku) && s.endsAt > at);
  }
}
class MemoryDemand implements DemandPrices {
  readonly prices = new Map<string, DemandPrice>();
  async currentFor(skus: readonly string[]) {
    return new Map(skus.filter((s) => this.prices.has(s)).map((s) => [s, this.prices.get(s)!]));
  }
}
class MemoryCoupons implements CouponBook {
  readonly coupons = new Map<string, CouponRule>();
  readonly uses = new Map<string, number>();
  async byCode(code: string) {
    return this.coupons.get(code) ?? null;
  }
  async usesBy(code: string, customerId: string) {
    return this.uses.get(`${code}:${customerId}`) ?? 0;
  }
}

const START = new Date('2030-06-01T09:00:00.000Z');

function setup() {
  const clock = new ManualClock(START);
  const products = new MemoryProducts();
  const rules = new MemoryRules();
  const signal = new MemorySignal();
  const flash = new MemoryFlashSales();
  const demand = new MemoryDemand();
  const coupons = new MemoryCoupons();
  const cache = new PricingCache({ products, rules, signal });
  const signer = new QuoteSigner('unit-test-quote-secret-long-enough-0123456789');
  const service = new QuoteService({ cache, flashSales: flash, demand, coupons, signer, clock, quoteTtlSeconds: 900, shippingFee: 500 });
  const product = (sku: string, amount: number, over: Partial<ProductPriceRecord> = {}) =>
    products.records.set(sku, { sku, productId: `00000000-0000-4000-8000-${sku.padStart(12, '0').slice(-12)}`, productSlug: sku.toLowerCase(), title: sku, image: null, categoryIds: [], listPrice: { amount, currency: 'EUR' }, active: true, ...over });
  product('TEE', 2500);
  product('CAP', 1000);
  return { clock, products, rules, signal, flash, demand, coupons, service, signer, product };
}
const who = { customerId: 'c-1', customerGroup: null };

function couponRule(over: Partial<CouponRule> = {}): CouponRule {
  return { code: 'WELCOME10', discount: { percentOff: 10 }, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null, active: true, used: 0, held: 0, ...over };
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Failed) return { code: err.code, message: err.message, details: err.failure.details };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('QuoteService', () => {
  it('quotes lines with shipping and signs a quote verify accepts', async () => {
    const { service } = setup();
    const quote = await service.quote({ lines: [{ sku: 'TEE', quantity: 2 }, { sku: 'CAP', quantity: 1 }] }, who);
    expect(quote).toMatchObject({ subtotal: { amount: 6000 }, discountTotal: { amount: 0 }, shipping: { total: { amount: 500 } }, total: { amount: 6500 }, currency: 'EUR' });
    expect(quote.expiresAt).toBe('2030-06-01T09:15:00.000Z');
    expect(service.verify(quote)).toEqual({ valid: true, reason: 'ok' });
  });

  it('a flash sale prices its SKU in its window, and the quote expires when the sale ends', async () => {
    const { service, flash, clock } = setup();
    const id = '00000000-0000-4000-8000-0000000f1a5e';
    flash.sales.push({ flashSaleId: id, sku: 'TEE', price: { amount: 999, currency: 'EUR' }, startsAt: new Date('2030-06-01T09:05:00Z'), endsAt: new Date('2030-06-01T09:10:00Z') });
    const before = await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who);
    expect(before.lines[0]).toMatchObject({ unitPrice: { amount: 2500 }, priceSource: 'list' });
    expect(before.expiresAt).toBe('2030-06-01T09:05:00.000Z'); // the sale opens: this quote ends

    clock.advance(5 * 60_000); // 09:05:00.000 exactly
    const during = await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who);
    expect(during.lines[0]).toMatchObject({ unitPrice: { amount: 999 }, priceSource: 'flash_sale', flashSaleId: id, listPrice: { amount: 2500 } });
    expect(during.expiresAt).toBe('2030-06-01T09:10:00.000Z');

    clock.advance(5 * 60_000 - 1); // 09:09:59.999: the quote still holds
    expect(service.verify(during)).toEqual({ valid: true, reason: 'ok' });
    clock.advance(1); // 09:10:00.000: the sale is over and so is its quote
    expect(service.verify(during)).toEqual({ valid: false, reason: 'expired' });
    const after = await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who);
    expect(after.lines[0]!.priceSource).toBe('list');
  });

  it('a demand price beats a price list; a scheduled price beats a demand price', async () => {
    const { service, demand, rules } = setup();
    rules.skus.set('TEE', {
      priceLists: [{ priceListId: 'l', priority: 0, customerGroup: null, currency: 'EUR', amount: 2200, startsAt: null, endsAt: null, createdAt: START }],
      scheduled: [],
    });
    expect((await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who)).lines[0]!.priceSource).toBe('price_list');
    demand.prices.set('TEE', { ruleId: 'r', sku: 'TEE', amount: 2700 });
    expect((await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who)).lines[0]).toMatchObject({ priceSource: 'demand', unitPrice: { amount: 2700 } });
  });

  it('refuses unknown and inactive SKUs naming them, and SKUs with no price in the currency', async () => {
    const { service, product } = setup();
    product('OLD', 100, { active: false });
    expect(await failureOf(service.quote({ lines: [{ sku: 'TEE', quantity: 1 }, { sku: 'GONE', quantity: 1 }] }, who))).toMatchObject({ code: 'UNKNOWN_SKU', details: { skus: ['GONE'] } });
    expect(await failureOf(service.quote({ lines: [{ sku: 'OLD', quantity: 1 }] }, who))).toMatchObject({ code: 'SKU_UNAVAILABLE', details: { skus: ['OLD'] } });
    expect(await failureOf(service.quote({ lines: [{ sku: 'TEE', quantity: 1 }], currency: 'USD' }, who))).toMatchObject({ code: 'CURRENCY_MISMATCH', details: { skus: ['TEE'] } });
  });

  it('applies a valid coupon last; the coupon is part of the signed quote', async () => {
    const { service, coupons } = setup();
    coupons.coupons.set('WELCOME10', couponRule({ endsAt: new Date('2030-06-01T09:01:00Z') }));
    const quote = await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }], couponCode: 'WELCOME10' }, who);
    expect(quote.couponCode).toBe('WELCOME10');
    expect(quote.couponRejection).toBeUndefined();
    expect(quote.cartDiscounts).toEqual([expect.objectContaining({ source: 'coupon', sourceId: 'WELCOME10', amount: 250 })]);
    expect(quote.total.amount).toBe(2500 - 250 + 500);
    expect(quote.expiresAt).toBe('2030-06-01T09:01:00.000Z'); // the coupon expires first
    expect(service.verify(quote)).toEqual({ valid: true, reason: 'ok' });
  });

  describe('a coupon that does not apply: the quote is priced without it and says why, signed', () => {
    const line = [{ sku: 'TEE', quantity: 1 }];
    const undiscounted = 2500 + 500;

    /** The quote of one TEE with `code`, checked to be the undiscounted, signed one; answers its rejection and expiry. */
    async function rejected(service: ReturnType<typeof setup>['service'], code: string, caller = who) {
      const quote = await service.quote({ lines: line, couponCode: code }, caller);
      expect(quote).toMatchObject({ couponCode: null, cartDiscounts: [], discountTotal: { amount: 0 }, total: { amount: undiscounted } });
      expect(quote.lines[0]!.discounts).toEqual([]);
      expect(service.verify(quote)).toEqual({ valid: true, reason: 'ok' });
      // The rejection is signed: a quote whose rejection is taken away is not pricing's.
      const { couponRejection: _dropped, ...withoutRejection } = quote;
      expect(service.verify(withoutRejection)).toEqual({ valid: false, reason: 'bad_signature' });
      return { ...quote.couponRejection, expiresAt: quote.expiresAt };
    }

    it('exhausted: every use consumed or held', async () => {
      const { service, coupons } = setup();
      coupons.coupons.set('SPRING10', couponRule({ code: 'SPRING10', usageLimit: 5, used: 3, held: 2 }));
      expect(await rejected(service, 'SPRING10')).toMatchObject({
        code: 'SPRING10',
        reason: 'exhausted',
        message: 'Coupon SPRING10 has run out, so it is no longer taken off your total.',
      });
      // One use given back: it applies again.
      coupons.coupons.set('SPRING10', couponRule({ code: 'SPRING10', usageLimit: 5, used: 3, held: 1 }));
      expect((await service.quote({ lines: line, couponCode: 'SPRING10' }, who)).couponCode).toBe('SPRING10');
    });

    it('expired: its window ended (to the millisecond)', async () => {
      const { service, coupons, clock } = setup();
      coupons.coupons.set('WELCOME10', couponRule({ endsAt: new Date('2030-06-01T09:01:00Z') }));
      clock.advance(60_000 - 1); // 09:00:59.999: still open
      expect((await service.quote({ lines: line, couponCode: 'WELCOME10' }, who)).couponCode).toBe('WELCOME10');
      clock.advance(1); // 09:01:00.000: ended
      expect(await rejected(service, 'WELCOME10')).toMatchObject({
        code: 'WELCOME10',
        reason: 'expired',
        message: 'Coupon WELCOME10 has ended, so it is no longer taken off your total.',
      });
    });

    it('not_started: its window has not opened; the quote ends when it opens', async () => {
      const { service, coupons, clock } = setup();
      coupons.coupons.set('LATER', couponRule({ code: 'LATER', startsAt: new Date('2030-06-01T09:05:00Z') }));
      expect(await rejected(service, 'LATER')).toEqual({
        code: 'LATER',
        reason: 'not_started',
        message: 'Coupon LATER can’t be used yet, so it isn’t taken off your total.',
        expiresAt: '2030-06-01T09:05:00.000Z',
      });
      clock.advance(5 * 60_000);
      expect((await service.quote({ lines: line, couponCode: 'LATER' }, who)).couponCode).toBe('LATER');
    });

    it('customer_limit: this customer used it as often as it allows; another customer still gets it', async () => {
      const { service, coupons } = setup();
      coupons.coupons.set('ONCE', couponRule({ code: 'ONCE', perCustomerLimit: 1 }));
      coupons.uses.set('ONCE:c-1', 1);
      expect(await rejected(service, 'ONCE')).toMatchObject({
        code: 'ONCE',
        reason: 'customer_limit',
        message: 'You’ve already used coupon ONCE as many times as it allows, so it isn’t taken off your total.',
      });
      expect((await service.quote({ lines: line, couponCode: 'ONCE' }, { customerId: 'c-2', customerGroup: null })).couponCode).toBe('ONCE');
    });

    it('not_applicable: the cart no longer qualifies (an exclusive promotion took every line)', async () => {
      const { service, coupons, rules, signal } = setup();
      coupons.coupons.set('TEN', couponRule({ code: 'TEN' }));
      expect((await service.quote({ lines: line, couponCode: 'TEN' }, who)).couponCode).toBe('TEN');
      rules.promotions = [
        { id: 'x', name: 'All exclusive', target: { kind: 'cart' }, benefit: { kind: 'percent_off', percent: 10 }, minSubtotal: null, startsAt: null, endsAt: null, priority: 0, exclusive: true, active: true, createdAt: START },
      ];
      await signal.bump();
      const quote = await service.quote({ lines: line, couponCode: 'TEN' }, who);
      expect(quote).toMatchObject({ couponCode: null, total: { amount: 2250 + 500 } });
      expect(quote.cartDiscounts).toEqual([expect.objectContaining({ source: 'promotion', sourceId: 'x', amount: 250 })]);
      expect(quote.couponRejection).toEqual({
        code: 'TEN',
        reason: 'not_applicable',
        message: 'Nothing in your cart qualifies for coupon TEN, so it isn’t taken off your total.',
      });
      expect(service.verify(quote)).toEqual({ valid: true, reason: 'ok' });
    });

    it('unknown, switched off, or in another currency', async () => {
      const { service, coupons } = setup();
      expect(await rejected(service, 'NOPE')).toMatchObject({ code: 'NOPE', reason: 'unknown', message: 'We don’t recognise the coupon NOPE, so nothing is taken off your total.' });
      coupons.coupons.set('OFF', couponRule({ code: 'OFF', active: false }));
      expect(await rejected(service, 'OFF')).toMatchObject({ code: 'OFF', reason: 'inactive' });
      coupons.coupons.set('USD5', couponRule({ code: 'USD5', discount: { amountOff: { amount: 500, currency: 'USD' } } }));
      expect(await rejected(service, 'USD5')).toMatchObject({ code: 'USD5', reason: 'currency' });
    });
  });

  it('serves hot prices from memory until the change counter moves, and reads through when it cannot be read', async () => {
    const { service, products, signal } = setup();
    await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who);
    await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who);
    expect(products.reads).toBe(1);
    products.records.set('TEE', { ...products.records.get('TEE')!, listPrice: { amount: 3000, currency: 'EUR' } });
    expect((await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who)).lines[0]!.unitPrice.amount).toBe(2500);
    await signal.bump();
    expect((await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who)).lines[0]!.unitPrice.amount).toBe(3000);
    signal.down = true;
    products.records.set('TEE', { ...products.records.get('TEE')!, listPrice: { amount: 3100, currency: 'EUR' } });
    expect((await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who)).lines[0]!.unitPrice.amount).toBe(3100);
  });

  it('prices SKUs for list pages: list price, price now and until when', async () => {
    const { service, rules } = setup();
    rules.skus.set('CAP', { priceLists: [], scheduled: [{ id: 's', amount: 800, currency: 'EUR', startsAt: START, endsAt: new Date('2030-06-02T00:00:00Z'), createdAt: START }] });
    const prices = await service.prices(['TEE', 'CAP', 'NONE']);
    expect(prices).toEqual({
      currency: 'EUR',
      items: [
        { sku: 'TEE', listPrice: { amount: 2500, currency: 'EUR' }, price: { amount: 2500, currency: 'EUR' }, priceSource: 'list', until: null },
        { sku: 'CAP', listPrice: { amount: 1000, currency: 'EUR' }, price: { amount: 800, currency: 'EUR' }, priceSource: 'scheduled', until: '2030-06-02T00:00:00.000Z' },
      ],
    });
  });

  it('prices for list pages follow every window to the millisecond by the clock, and `until` names the next edge (what search re-reads at)', async () => {
    const { service, rules, clock, flash } = setup();
    const at = (time: string) => new Date(`2030-06-01T${time}Z`);
    const list = (over: Partial<PriceListPrice>): PriceListPrice => ({ priceListId: 'l', priority: 0, customerGroup: null, currency: 'EUR', amount: 2200, startsAt: null, endsAt: null, createdAt: START, ...over });
    rules.skus.set('TEE', {
      // The general list from 09:10 to 09:30; a trade customers' list (cheaper, always) is not what a card shows.
      priceLists: [list({ startsAt: at('09:10:00'), endsAt: at('09:30:00') }), list({ priceListId: 'trade', customerGroup: 'trade', amount: 1500, priority: 9 })],
      // A sale price from 09:20 to 09:25, inside the list's window.
      scheduled: [{ id: 's', amount: 1800, currency: 'EUR', startsAt: at('09:20:00'), endsAt: at('09:25:00'), createdAt: START }],
    });
    flash.sales.push({ flashSaleId: '00000000-0000-4000-8000-0000000f1a5e', sku: 'TEE', price: { amount: 999, currency: 'EUR' }, startsAt: at('09:40:00'), endsAt: at('09:45:00') });
    const tee = async () => {
      const [item] = (await service.prices(['TEE'])).items;
      return { amount: item!.price.amount, source: item!.priceSource, until: item!.until };
    };
    const moveTo = (time: string) => clock.advance(at(time).getTime() - clock.now().getTime());

    expect(await tee()).toEqual({ amount: 2500, source: 'list', until: '2030-06-01T09:10:00.000Z' });
    moveTo('09:09:59.999');
    expect(await tee()).toEqual({ amount: 2500, source: 'list', until: '2030-06-01T09:10:00.000Z' });
    moveTo('09:10:00.000'); // the list opens at its exact millisecond
    expect(await tee()).toEqual({ amount: 2200, source: 'price_list', until: '2030-06-01T09:20:00.000Z' });
    moveTo('09:20:00.000'); // the scheduled price beats the list
    expect(await tee()).toEqual({ amount: 1800, source: 'scheduled', until: '2030-06-01T09:25:00.000Z' });
    moveTo('09:24:59.999');
    expect((await tee()).amount).toBe(1800);
    moveTo('09:25:00.000'); // its end is exclusive: the list again
    expect(await tee()).toEqual({ amount: 2200, source: 'price_list', until: '2030-06-01T09:30:00.000Z' });
    moveTo('09:30:00.000');
    expect(await tee()).toEqual({ amount: 2500, source: 'list', until: '2030-06-01T09:40:00.000Z' });
    moveTo('09:40:00.000');
    expect(await tee()).toEqual({ amount: 999, source: 'flash_sale', until: '2030-06-01T09:45:00.000Z' });
    moveTo('09:45:00.000');
    expect(await tee()).toEqual({ amount: 2500, source: 'list', until: null });
  });

  it('prices name the promotions that target a SKU itself, open now, so product pages can announce them', async () => {
    const { service, rules, product } = setup();
    const shoes = '00000000-0000-4000-8000-0000000000aa';
    product('BOOT', 8000, { categoryIds: [shoes] });
    const rule = (id: string, over: Partial<PromotionRule>): PromotionRule => ({
      id,
      name: id,
      target: { kind: 'category', categoryIds: [shoes] },
      benefit: { kind: 'percent_off', percent: 20 },
      minSubtotal: null,
      startsAt: null,
      endsAt: null,
      priority: 0,
      exclusive: false,
      active: true,
      createdAt: START,
      ...over,
    });
    rules.promotions = [
      rule('11111111-1111-4111-8111-111111111111', { name: 'Spring shoes' }),
      rule('22222222-2222-4222-8222-222222222222', { name: 'Whole cart', target: { kind: 'cart' } }),
      rule('33333333-3333-4333-8333-333333333333', { name: 'Not yet', startsAt: new Date(START.getTime() + 60_000) }),
      rule('44444444-4444-4444-8444-444444444444', { name: 'Big orders', benefit: { kind: 'free_shipping' }, minSubtotal: { amount: 10000, currency: 'EUR' } }),
    ];
    const prices = await service.prices(['BOOT', 'TEE']);
    expect(prices.items.find((i) => i.sku === 'BOOT')!.promotions).toEqual([
      { id: '11111111-1111-4111-8111-111111111111', name: 'Spring shoes', summary: '20% off' },
      { id: '44444444-4444-4444-8444-444444444444', name: 'Big orders', summary: 'free shipping on orders from €100.00' },
    ]);
    expect(prices.items.find((i) => i.sku === 'TEE')!.promotions).toBeUndefined();
  });

  it('verify refuses a tampered quote', async () => {
    const { service } = setup();
    const quote = await service.quote({ lines: [{ sku: 'TEE', quantity: 1 }] }, who);
    const tampered: Quote = { ...quote, lines: [{ ...quote.lines[0]!, total: { amount: 1, currency: 'EUR' } }] };
    expect(service.verify(tampered)).toEqual({ valid: false, reason: 'bad_signature' });
  });
});
