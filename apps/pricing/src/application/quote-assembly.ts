import type { CouponRejection, Quote, QuoteLine, QuoteRequestLine } from '@shop/contracts';
import type { ResolvedPrice } from '../domain/price-resolution.js';
import type { EngineLine, EngineResult } from '../domain/promotion-engine.js';
import type { ProductPriceRecord } from './price-inputs.js';

/** A requested line's product and its price now, in the order of the request. */
export interface PricedSku {
  product: ProductPriceRecord;
  resolved: ResolvedPrice;
}

/** What the promotion engine (or the benchmark's naive evaluator) prices. */
export function engineLinesOf(lines: readonly QuoteRequestLine[], priced: readonly PricedSku[]): EngineLine[] {
  return lines.map((line, i) => ({
    sku: line.sku,
    productId: priced[i]!.product.productId,
    categoryIds: priced[i]!.product.categoryIds,
    quantity: line.quantity,
    unitPrice: priced[i]!.resolved.price.amount,
  }));
}

/** The quote's body from the engine's result, ready to sign. */
export function unsignedQuote(input: {
  lines: readonly QuoteRequestLine[];
  priced: readonly PricedSku[];
  result: EngineResult;
  currency: string;
  couponCode: string | null;
  /** The coupon asked for that does not apply, and why (null: none asked for, or it applies). */
  couponRejection?: CouponRejection | null;
  customerGroup: string | null;
  now: Date;
  expiresMs: number;
}): Omit<Quote, 'signature'> {
  const { priced, result, currency } = input;
  const money = (amount: number) => ({ amount, currency });
  const lines: QuoteLine[] = input.lines.map((line, i) => {
    const { product, resolved } = priced[i]!;
    const quoteLine: QuoteLine = {
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: resolved.price,
      listPrice: product.listPrice,
      priceSource: resolved.source,
      discounts: result.lines[i]!.discounts,
      total: money(result.lines[i]!.total),
    };
    if (resolved.flashSaleId) quoteLine.flashSaleId = resolved.flashSaleId;
    return quoteLine;
  });
  return {
    lines,
    cartDiscounts: result.cartDiscounts,
    couponCode: input.couponCode,
    // Left out when there is none, so such a quote's canonical form (and signature) is unchanged.
    ...(input.couponRejection ? { couponRejection: input.couponRejection } : {}),
    subtotal: money(result.subtotal),
    discountTotal: money(result.discountTotal),
    shipping: { amount: money(result.shipping.amount), discounts: result.shipping.discounts, total: money(result.shipping.total) },
    total: money(result.total),
    currency,
    customerGroup: input.customerGroup,
    quotedAt: input.now.toISOString(),
    expiresAt: new Date(input.expiresMs).toISOString(),
  };
}
