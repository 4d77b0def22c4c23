import { CouponCheck, CouponRefusal, FailureCode, Quote, type Money, type VariantView } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { ServiceClient, UpstreamUnavailableError, type ServiceResponse } from '@shop/service-kit';
import type { CartQuoteRequest, CouponCheckOutcome, PriceSource, QuoteOutcome } from '../application/price-source.js';

export interface PricingClientOptions {
  url: string;
  timeoutMs: number;
  connections?: number;
}

/**
 * The pricing service's internal API as the cart uses it: `POST /internal/pricing/quotes` for the
 * cart's prices and `POST /internal/pricing/coupons/:code/check` before a code goes on a cart.
 * A quote that cannot be had (pricing down, slow, or refusing the lines) is `unavailable`, and the
 * cart falls back to the catalog's list prices.
 */
export class PricingClient implements PriceSource {
  private readonly http: ServiceClient;

  constructor(
    options: PricingClientOptions,
    private readonly logger: Logger,
  ) {
    this.http = new ServiceClient({ caller: 'cart', service: 'pricing', origin: options.url, timeoutMs: options.timeoutMs, connections: options.connections ?? 16 });
  }

  async unitPrices(variants: readonly VariantView[], currency: string): Promise<Map<string, Money>> {
    const listed = new Map(variants.map((v) => [v.sku, v.price]));
    const sellable = variants.filter((v) => v.status === 'active' && v.price.currency === currency);
    if (sellable.length === 0) return listed;
    const outcome = await this.quote({ lines: sellable.map((v) => ({ sku: v.sku, quantity: 1 })), currency, customerId: 'cart:price-lookup' });
    if (outcome.kind !== 'quoted') return listed;
    for (const line of outcome.quote.lines) listed.set(line.sku, line.unitPrice);
    return listed;
  }

  async quote(request: CartQuoteRequest): Promise<QuoteOutcome> {
    let res: ServiceResponse;
    try {
      // Quoting changes nothing, so a repeat after a lost answer is safe.
      res = await this.http.request('POST', '/internal/pricing/quotes', { body: request, idempotent: true });
    } catch (err) {
      if (!(err instanceof UpstreamUnavailableError)) throw err;
      this.logger.warn({ err: err.message }, 'pricing unavailable: the cart shows list prices');
      return { kind: 'unavailable' };
    }
    if (res.status === 200) {
      const quote = Quote.safeParse(res.body);
      if (quote.success) return { kind: 'quoted', quote: quote.data };
      this.logger.warn({ issues: quote.error.issues.slice(0, 3) }, 'pricing answered a quote the cart cannot read: list prices');
      return { kind: 'unavailable' };
    }
    this.logger.warn({ status: res.status, error: errorOf(res)?.code }, 'pricing refused to quote the cart: list prices');
    return { kind: 'unavailable' };
  }

  async checkCoupon(code: string, context: { currency: string; customerId?: string }): Promise<CouponCheckOutcome> {
    const res = await this.http.request('POST', `/internal/pricing/coupons/${encodeURIComponent(code)}/check`, { body: context, idempotent: true });
    if (res.status === 200) {
      const check = CouponCheck.safeParse(res.body);
      if (check.success) return { ok: true, check: check.data };
    }
    const refusal = couponRefusalOf(res);
    if (refusal) return { ok: false, ...refusal };
    throw new UpstreamUnavailableError('pricing', `answered ${res.status} to a coupon check`);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function errorOf(res: ServiceResponse): { code?: unknown; message?: unknown; details?: unknown } | undefined {
  return (res.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
}

function couponRefusalOf(res: ServiceResponse): { reason: CouponRefusal; message: string } | null {
  const error = errorOf(res);
  if (res.status !== 400 || error?.code !== FailureCode.COUPON_INVALID) return null;
  const reason = CouponRefusal.safeParse((error.details as { reason?: unknown } | undefined)?.reason);
  return { reason: reason.success ? reason.data : 'unknown', message: typeof error.message === 'string' ? error.message : 'this coupon cannot be applied' };
}
