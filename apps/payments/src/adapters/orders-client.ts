import { OrderHead, OrderPaymentClaim, type CreateOrderBody, type OrderStatus } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceResponse } from '@shop/service-kit';
import type { z } from 'zod';
import type { OrderAnswer, OrderClaimAnswer, Orders } from '../application/upstreams.js';
import { refusalOf } from './upstream-refusal.js';

/**
 * The orders service's internal API: create (idempotent per checkout id) and compare-and-set
 * transitions. An answer is checked for what the saga reads of it (the order's head, the claim),
 * not parsed whole: an order's lines, history and address are orders' concern.
 */
export class OrdersClient implements Orders {
  constructor(private readonly http: ServiceClient) {}

  /** 201 new or 200 the same order for the same checkout id; refusals (409 CHECKOUT_ID_REUSED, 422, 400) are answers. */
  async create(body: CreateOrderBody): Promise<OrderAnswer> {
    return this.answer(await this.http.request('POST', '/internal/orders', { body }), 'create');
  }

  /** `from` makes it compare-and-set (409 CONFLICT when the order is elsewhere); already in `to` answers 200 unchanged. */
  async transition(orderId: string, change: { to: OrderStatus; from?: OrderStatus; reason?: string; actor: string }): Promise<OrderAnswer> {
    return this.answer(await this.http.request('POST', `/internal/orders/${orderId}/transitions`, { body: change }), 'transition');
  }

  /** Idempotent (safe to resend): 200 claimed (again: the same) or 409 ORDER_NOT_PAYABLE as an answer; 5xx thrown (the step is retried). */
  async claimPayment(orderId: string, checkoutId: string): Promise<OrderClaimAnswer> {
    const res = await this.http.request('POST', `/internal/orders/${orderId}/payment-claim`, { body: { checkoutId }, idempotent: true });
    if (res.status === 200) return { kind: 'ok', claim: this.parsed(OrderPaymentClaim, res.body, 'claim') };
    return this.refusal(res, 'payment claim');
  }

  private answer(res: ServiceResponse, what: string): OrderAnswer {
    if (res.status === 200 || res.status === 201) return { kind: 'ok', order: this.parsed(OrderHead, res.body, 'order') };
    return this.refusal(res, what);
  }

  private refusal(res: ServiceResponse, what: string) {
    if (res.status >= 400 && res.status < 500) return refusalOf(res);
    throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to an order ${what}`);
  }

  private parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new UpstreamUnavailableError(this.http.service, `answered with an unexpected ${what} body`);
    return parsed.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
