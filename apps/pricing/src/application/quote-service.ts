import {
  Failed,
  FailureCode,
  type Clock,
  type CouponRefusal,
  type Quote,
  type QuoteRequest,
  type SkuPrice,
  type SkuPrices,
  type VerifyQuoteAnswer,
} from '@shop/contracts';
import { couponRefusal, couponRejection, type CouponRule } from '../domain/coupon-rule.js';
import { resolvePrice } from '../domain/price-resolution.js';
import { quoteLines } from '../domain/promotion-engine.js';
import { promotionsOnItem } from '../domain/item-promotions.js';
import type { CouponBook } from './coupon-book.js';
import { engineLinesOf, unsignedQuote, type PricedSku } from './quote-assembly.js';
import type { DemandPrices, FlashSalePrice, FlashSalePrices, ProductPriceRecord } from './price-inputs.js';
import type { PricingCache } from './pricing-cache.js';
import type { SkuRules } from './pricing-rules.js';
import type { QuoteSigner } from './quote-signer.js';

export interface QuoteServiceDeps {
  cache: PricingCache;
  flashSales: FlashSalePrices;
  demand: DemandPrices;
  coupons: CouponBook;
  signer: QuoteSigner;
  clock: Clock;
  quoteTtlSeconds: number;
  /** SHIPPING_FLAT_FEE: minor units of the quote's currency. */
  shippingFee: number;
}

/** Who asks for a quote: a signed-in customer's id (for coupon limits) and group (for price lists). */
export interface QuoteCaller {
  customerId: string | null;
  customerGroup: string | null;
}

/**
 * Quotes and prices: resolves each SKU's unit price (price-resolution.ts), runs the promotion
 * engine and the coupon (promotion-engine.ts), and signs the result. Every source is read once
 * per quote for all its SKUs.
 */
export class QuoteService {
  constructor(private readonly deps: QuoteServiceDeps) {}

  async quote(request: QuoteRequest, caller: QuoteCaller): Promise<Quote> {
    const now = this.deps.clock.now();
    const atMs = now.getTime();
    const skus = request.lines.map((l) => l.sku);
    const cached = await this.deps.cache.refresh();
    const couponCode = request.couponCode ?? null;
    const [products, rules, flash, demand, coupon] = await Promise.all([
      this.deps.cache.productsBySkus(skus, cached),
      this.deps.cache.rulesBySkus(skus, now, cached),
      this.deps.flashSales.forSkus(skus, now),
      this.deps.demand.currentFor(skus),
      couponCode ? this.deps.coupons.byCode(couponCode) : Promise.resolve(null),
    ]);
    assertPurchasable(skus, products);
    const currency = request.currency ?? products.get(skus[0]!)!.listPrice.currency;
    const flashBySku = groupFlashSales(flash);

    const priced: PricedSku[] = [];
    const mismatched: string[] = [];
    let nextChangeMs = Infinity;
    for (const sku of skus) {
      const product = products.get(sku)!;
      const resolved = resolvePrice(
        { listPrice: product.listPrice, ...(rules.get(sku) as SkuRules), demand: demand.get(sku) ?? null, flashSales: flashBySku.get(sku) ?? [] },
        atMs,
        { currency, customerGroup: caller.customerGroup },
      );
      if (!resolved) mismatched.push(sku);
      else {
        priced.push({ product, resolved });
        nextChangeMs = Math.min(nextChangeMs, resolved.nextChangeMs);
      }
    }
    if (mismatched.length > 0) {
      throw Failed.of(FailureCode.CURRENCY_MISMATCH, `no price in ${currency} for ${mismatched.join(', ')}`, { currency, skus: mismatched });
    }

    // A coupon that cannot apply does not refuse the quote: the lines are priced without it and the
    // quote says why, so a cart shows its true total and checkout can charge it.
    let couponRule: CouponRule | null = null;
    let refusal: CouponRefusal | null = null;
    if (couponCode) {
      const usesByCustomer = caller.customerId && coupon?.perCustomerLimit != null ? await this.deps.coupons.usesBy(couponCode, caller.customerId) : 0;
      refusal = couponRefusal(coupon, now, { currency, usesByCustomer });
      if (!refusal) couponRule = coupon;
      // Not started: the quote ends when it starts, as it would at any other window's edge.
      else if (refusal === 'not_started' && coupon?.startsAt) nextChangeMs = Math.min(nextChangeMs, coupon.startsAt.getTime());
    }

    const index = await this.deps.cache.promotionIndex(now, cached);
    const engineLines = engineLinesOf(request.lines, priced);
    const result = quoteLines(index, engineLines, { atMs, currency, coupon: couponRule, shippingFee: this.deps.shippingFee });
    // A coupon that took nothing off left the result as it would be without it.
    if (couponRule && !result.couponApplied) {
      refusal = 'not_applicable';
      couponRule = null;
    }
    nextChangeMs = Math.min(nextChangeMs, result.nextChangeMs);

    const expiresMs = Math.min(atMs + this.deps.quoteTtlSeconds * 1000, nextChangeMs);
    const unsigned = unsignedQuote({
      lines: request.lines,
      priced,
      result,
      currency,
      couponCode: couponRule ? couponRule.code : null,
      couponRejection: couponCode && refusal ? couponRejection(couponCode, refusal) : null,
      customerGroup: caller.customerGroup,
      now,
      expiresMs,
    });
    return { ...unsigned, signature: this.deps.signer.sign(unsigned) };
  }

  /** Whether a quote is ours, untampered and unexpired (expiry: at `expiresAt` it no longer holds). */
  verify(quote: Quote): VerifyQuoteAnswer {
    if (!this.deps.signer.verify(quote)) return { valid: false, reason: 'bad_signature' };
    if (this.deps.clock.now().getTime() >= Date.parse(quote.expiresAt)) return { valid: false, reason: 'expired' };
    return { valid: true, reason: 'ok' };
  }

  /** Each known, active SKU's price now in its list currency (unknown and inactive SKUs are left out). */
  async prices(skus: readonly string[]): Promise<SkuPrices> {
    const now = this.deps.clock.now();
    const cached = await this.deps.cache.refresh();
    const [products, rules, flash, demand, promotions] = await Promise.all([
      this.deps.cache.productsBySkus(skus, cached),
      this.deps.cache.rulesBySkus(skus, now, cached),
      this.deps.flashSales.forSkus(skus, now),
      this.deps.demand.currentFor(skus),
      this.deps.cache.promotionIndex(now, cached),
    ]);
    const flashBySku = groupFlashSales(flash);
    const items: SkuPrice[] = [];
    for (const sku of skus) {
      const product = products.get(sku);
      if (!product || !product.active) continue;
      const resolved = resolvePrice(
        { listPrice: product.listPrice, ...(rules.get(sku) as SkuRules), demand: demand.get(sku) ?? null, flashSales: flashBySku.get(sku) ?? [] },
        now.getTime(),
        { currency: product.listPrice.currency, customerGroup: null },
      )!;
      const item: SkuPrice = {
        sku,
        listPrice: product.listPrice,
        price: resolved.price,
        priceSource: resolved.source,
        until: Number.isFinite(resolved.nextChangeMs) ? new Date(resolved.nextChangeMs).toISOString() : null,
      };
      if (resolved.flashSaleId) item.flashSaleId = resolved.flashSaleId;
      const promoted = promotionsOnItem(promotions, product, now.getTime(), product.listPrice.currency);
      if (promoted.length > 0) item.promotions = promoted;
      items.push(item);
    }
    const currencies = new Set(items.map((i) => i.price.currency));
    return currencies.size === 1 ? { items, currency: items[0]!.price.currency } : { items };
  }
}

function assertPurchasable(skus: readonly string[], products: ReadonlyMap<string, ProductPriceRecord>): void {
  const unknown = skus.filter((sku) => !products.has(sku));
  if (unknown.length > 0) throw Failed.of(FailureCode.UNKNOWN_SKU, `unknown SKU: ${unknown.join(', ')}`, { skus: unknown });
  const inactive = skus.filter((sku) => !products.get(sku)!.active);
  if (inactive.length > 0) throw Failed.of(FailureCode.SKU_UNAVAILABLE, `not for sale: ${inactive.join(', ')}`, { skus: inactive });
}

function groupFlashSales(sales: readonly FlashSalePrice[]): Map<string, FlashSalePrice[]> {
  const bySku = new Map<string, FlashSalePrice[]>();
  for (const sale of sales) {
    const list = bySku.get(sale.sku);
    if (list) list.push(sale);
    else bySku.set(sale.sku, [sale]);
  }
  return bySku;
}
