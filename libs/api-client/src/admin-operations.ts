import type {
  AdminListNotificationsQuery,
  AdminListUsersQuery,
  AdminPasswordResetSent,
  AdminUser,
  AdminUserPage,
  CheckoutPage,
  CheckoutState,
  CheckoutView,
  DeadLetterPage,
  DeadLetterRetried,
  DeadLetterStreamList,
  ListDeadLettersQuery,
  Notification,
  NotificationPage,
  Order,
  OrderPage,
  OrderStatus,
  RefundLinesBody,
} from '@shop/contracts';
import type { CallOptions, GatewayClient } from './gateway-client.js';

const enc = encodeURIComponent;

/** `GET /api/admin/orders` filters (all optional, combined). */
export interface AdminOrdersParams {
  status?: OrderStatus;
  customerId?: string;
  /** The email given at checkout, any case. */
  email?: string;
  /** An order number as typed: SO-000123 or 123. */
  number?: string;
  /** ISO date or date-time; `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Orders and the checkout sagas behind them through the gateway (`/api/admin/orders`,
 * `/api/admin/checkouts`): any order, its status changes, any saga, dead ones resumed or
 * cancelled. Needs an admin's token.
 */
export class AdminOrdersApi {
  constructor(private readonly gateway: GatewayClient) {}

  list(params: AdminOrdersParams = {}, options?: CallOptions): Promise<OrderPage> {
    const { status, customerId, email, number, from, to, limit, cursor } = params;
    return this.gateway.request('GET', '/api/admin/orders', { query: { status, customerId, email, number, from, to, limit, cursor }, options });
  }

  /** By id or number (SO-000123). */
  get(ref: string, options?: CallOptions): Promise<Order> {
    return this.gateway.request('GET', `/api/admin/orders/${enc(ref)}`, { options });
  }

  /** `cancel` and `refund` need a reason; `expectedVersion` refuses the change if the order moved meanwhile (409). */
  change(ref: string, action: 'cancel' | 'refund' | 'fulfil', body: { reason?: string; expectedVersion?: number } = {}, options?: CallOptions): Promise<Order> {
    return this.gateway.request('POST', `/api/admin/orders/${enc(ref)}/${action}`, { body, options });
  }

  /**
   * Refunds some units of some lines (the money for them, and the units back into stock); the
   * refund of everything left makes the order REFUNDED. `idempotencyKey`: one refund per key.
   */
  refundLines(ref: string, body: RefundLinesBody, idempotencyKey?: string, options?: CallOptions): Promise<Order> {
    return this.gateway.request('POST', `/api/admin/orders/${enc(ref)}/refunds`, {
      body,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
      options,
    });
  }

  checkouts(params: { state?: CheckoutState; limit?: number; cursor?: string } = {}, options?: CallOptions): Promise<CheckoutPage> {
    return this.gateway.request('GET', '/api/admin/checkouts', { query: { state: params.state, limit: params.limit, cursor: params.cursor }, options });
  }

  /** A checkout's saga with its steps (an order's `checkoutId` names it). */
  checkout(checkoutId: string, options?: CallOptions): Promise<CheckoutView> {
    return this.gateway.request('GET', `/api/admin/checkouts/${enc(checkoutId)}`, { options });
  }

  /** Resumes a dead saga (`retry`) or runs its compensations (`cancel`). */
  changeCheckout(checkoutId: string, action: 'retry' | 'cancel', options?: CallOptions): Promise<CheckoutView> {
    return this.gateway.request('POST', `/api/admin/checkouts/${enc(checkoutId)}/${action}`, { options });
  }
}

/** Accounts through the gateway's identity (`/api/admin/users`): list, search, disable, enable. Needs an admin's token. */
export class AdminCustomersApi {
  constructor(private readonly gateway: GatewayClient) {}

  list(params: Partial<AdminListUsersQuery> = {}, options?: CallOptions): Promise<AdminUserPage> {
    const { q, role, status, limit, cursor } = params;
    return this.gateway.request('GET', '/api/admin/users', { query: { q, role, status, limit, cursor }, options });
  }

  get(userId: string, options?: CallOptions): Promise<AdminUser> {
    return this.gateway.request('GET', `/api/admin/users/${enc(userId)}`, { options });
  }

  /** Disabling ends the account's sessions and stops its tokens; enabling lets it log in again. */
  setDisabled(userId: string, disabled: boolean, options?: CallOptions): Promise<AdminUser> {
    return this.gateway.request('POST', `/api/admin/users/${enc(userId)}/${disabled ? 'disable' : 'enable'}`, { options });
  }

  /** Mails the account a one-use link to set a new password; the answer says where it went (409 within a minute of the last link, or for a disabled account). */
  sendPasswordReset(userId: string, options?: CallOptions): Promise<AdminPasswordResetSent> {
    return this.gateway.request('POST', `/api/admin/users/${enc(userId)}/password-reset`, { options });
  }
}

/** Dead-lettered events of every consumer group (`/api/admin/operations`). Needs an admin's token. */
export class AdminOperationsApi {
  constructor(private readonly gateway: GatewayClient) {}

  streams(options?: CallOptions): Promise<DeadLetterStreamList> {
    return this.gateway.request('GET', '/api/admin/operations/dead-letter-streams', { options });
  }

  deadLetters(params: Partial<ListDeadLettersQuery> = {}, options?: CallOptions): Promise<DeadLetterPage> {
    return this.gateway.request('GET', '/api/admin/operations/dead-letters', { query: { stream: params.stream, limit: params.limit, cursor: params.cursor }, options });
  }

  /** Re-delivers the letter to the consumer group that failed it and removes it. */
  retry(stream: string, id: string, options?: CallOptions): Promise<DeadLetterRetried> {
    return this.gateway.request('POST', `/api/admin/operations/dead-letters/${enc(stream)}/${enc(id)}/retry`, { options });
  }

  discard(stream: string, id: string, options?: CallOptions): Promise<void> {
    return this.gateway.request('DELETE', `/api/admin/operations/dead-letters/${enc(stream)}/${enc(id)}`, { options });
  }
}

/** The emails the shop sent or owes (`/api/admin/notifications`): list, and retry a dead-lettered one. Needs an admin's token. */
export class AdminNotificationsApi {
  constructor(private readonly gateway: GatewayClient) {}

  list(params: Partial<AdminListNotificationsQuery> = {}, options?: CallOptions): Promise<NotificationPage> {
    const { status, template, limit, cursor } = params;
    return this.gateway.request('GET', '/api/admin/notifications', { query: { status, template, limit, cursor }, options });
  }

  retry(id: string, options?: CallOptions): Promise<Notification> {
    return this.gateway.request('POST', `/api/admin/notifications/${enc(id)}/retry`, { options });
  }
}
