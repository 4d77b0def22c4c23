import { Failed, FailureCode, type Clock, type Quote, type QuoteRequest } from '@shop/contracts';
import { resolvePrice } from '../domain/price-resolution.js';
import type { DemandPrices, FlashSalePrice, FlashSalePrices, ProductPrices } from '../application/price-inputs.js';
import type { PricingRulesSource } from '../application/pricing-rules.js';
import { engineLinesOf, unsignedQuote } from '../application/quote-assembly.js';
import type { QuoteSigner } from '../application/quote-signer.js';
import { naiveQuoteLines } from './naive-promotions.js';

export interface NaiveQuoteDeps {
  products: ProductPrices;
  rules: PricingRulesSource;
  flashSales: FlashSalePrices;
  demand: DemandPrices;
  signer: QuoteSigner;
  clock: Clock;
  quoteTtlSeconds: number;
  shippingFee: number;
}

/**
 * The benchmark's baseline quote (PRICING_NAIVE_BASELINE=true only; see naive-promotions.ts): the
 * same price resolution, stacking rules and signature as QuoteService, but every quote reads the
 * products, their price rows and every live promotion from PostgreSQL (no cache) and tests every
 * promotion against every line (no index). Anonymous carts without a coupon, as the bench sends.
 */
export class NaiveQuoteService {
  constructor(private readonly deps: NaiveQuoteDeps) {}

  async quote(request: QuoteRequest): Promise<Quote> {
    if (request.couponCode) throw Failed.of(FailureCode.BAD_REQUEST, 'the naive baseline quotes carts without a coupon', { field: 'couponCode' });
    const now = this.deps.clock.now();
    const atMs = now.getTime();
    const skus = request.lines.map((l) => l.sku);
    const [products, rules, flash, demand, promotions] = await Promise.all([
      this.deps.products.bySkus(skus),
      this.deps.rules.skuRules(skus, now),
      this.deps.flashSales.forSkus(skus, now),
      this.deps.demand.currentFor(skus),
      this.deps.rules.livePromotions(now),
    ]);
    const unknown = skus.filter((sku) => !products.get(sku)?.active);
    if (unknown.length > 0) throw Failed.of(FailureCode.UNKNOWN_SKU, `unknown or unavailable SKU: ${unknown.join(', ')}`, { skus: unknown });
    const currency = request.currency ?? products.get(skus[0]!)!.listPrice.currency;

    let nextChangeMs = Infinity;
    const priced = skus.map((sku) => {
      const product = products.get(sku)!;
      const skuRules = rules.get(sku);
      const resolved = resolvePrice(
        {
          listPrice: product.listPrice,
          priceLists: skuRules?.priceLists ?? [],
          scheduled: skuRules?.scheduled ?? [],
          demand: demand.get(sku) ?? null,
          flashSales: flash.filter((f: FlashSalePrice) => f.sku === sku),
        },
        atMs,
        { currency, customerGroup: null },
      );
      if (!resolved) throw Failed.of(FailureCode.CURRENCY_MISMATCH, `no price in ${currency} for ${sku}`, { currency, skus: [sku] });
      nextChangeMs = Math.min(nextChangeMs, resolved.nextChangeMs);
      return { product, resolved };
    });

    const engineLines = engineLinesOf(request.lines, priced);
    const result = naiveQuoteLines(promotions, engineLines, { atMs, currency, shippingFee: this.deps.shippingFee });
    nextChangeMs = Math.min(nextChangeMs, result.nextChangeMs);

    const unsigned = unsignedQuote({
      lines: request.lines,
      priced,
      result,
      currency,
      couponCode: null,
      customerGroup: null,
      now,
      expiresMs: Math.min(atMs + this.deps.quoteTtlSeconds * 1000, nextChangeMs),
    });
    return { ...unsigned, signature: this.deps.signer.sign(unsigned) };
  }
}
