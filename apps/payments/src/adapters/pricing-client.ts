import { CouponHold, Quote, VerifyQuoteAnswer, type QuoteRequest } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceResponse } from '@shop/service-kit';
import type { CouponHoldAnswer, CouponSettleAnswer, Pricing, QuoteAnswer } from '../application/upstreams.js';
import { refusalOf } from './upstream-refusal.js';

/**
 * The pricing service's internal API (payments' own credential): quotes, quote verification and
 * coupon holds. A 4xx is an answer (a refusal); no answer or a 5xx is thrown as
 * `UpstreamUnavailableError`, so the saga step retries and a checkout request answers 503.
 */
export class PricingClient implements Pricing {
  constructor(private readonly http: ServiceClient) {}

  async quote(request: QuoteRequest, customerId: string): Promise<QuoteAnswer> {
    // Reading a price changes nothing: safe to repeat.
    const res = await this.http.request('POST', '/internal/pricing/quotes', { body: { ...request, customerId }, idempotent: true });
    if (res.status === 200 || res.status === 201) return { kind: 'quoted', quote: this.parse(Quote, res.body, 'a quote') };
    return this.refusal(res, 'a quote');
  }

  async verify(quote: Quote): Promise<VerifyQuoteAnswer> {
    const res = await this.http.request('POST', '/internal/pricing/quotes/verify', { body: { quote }, idempotent: true });
    if (res.status === 200) return this.parse(VerifyQuoteAnswer, res.body, 'a quote verification');
    // A quote pricing cannot even read (its own schema refused it) is not a quote it signed.
    if (res.status === 400) return { valid: false, reason: 'bad_signature' };
    throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a quote verification`);
  }

  async holdCoupon(code: string, hold: { checkoutId: string; customerId: string; ttlSeconds: number }): Promise<CouponHoldAnswer> {
    // Idempotent by checkout id on pricing's side.
    const res = await this.http.request('POST', `/internal/pricing/coupons/${encodeURIComponent(code)}/holds`, { body: hold, idempotent: true });
    if (res.status === 200 || res.status === 201) return { kind: 'held', hold: this.parse(CouponHold, res.body, 'a coupon hold') };
    return this.refusal(res, 'a coupon hold');
  }

  consumeCouponHold(checkoutId: string): Promise<CouponSettleAnswer> {
    return this.settle(checkoutId, 'consume');
  }

  releaseCouponHold(checkoutId: string): Promise<CouponSettleAnswer> {
    return this.settle(checkoutId, 'release');
  }

  private async settle(checkoutId: string, action: 'consume' | 'release'): Promise<CouponSettleAnswer> {
    const res = await this.http.request('POST', `/internal/pricing/coupon-holds/${encodeURIComponent(checkoutId)}/${action}`, { idempotent: true });
    if (res.status === 200 || res.status === 201) {
      const hold = CouponHold.safeParse(res.body);
      return { kind: 'settled', hold: hold.success ? hold.data : null };
    }
    if (res.status === 204) return { kind: 'settled', hold: null };
    return this.refusal(res, `a coupon hold ${action}`);
  }

  private refusal(res: ServiceResponse, what: string) {
    if (res.status >= 400 && res.status < 500) return refusalOf(res);
    throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to ${what}`);
  }

  private parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, body: unknown, what: string): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new UpstreamUnavailableError(this.http.service, `answered ${what} with an unexpected body`);
    return parsed.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
