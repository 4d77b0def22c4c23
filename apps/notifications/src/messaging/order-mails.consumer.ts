import { isPaidStatus, OrderRefundedV1, OrderStatusChangedV1, type Order, type OrderRefundedPayload } from '@shop/contracts';
import { on, routeEvents, type EventRoute } from '@shop/messaging';
import type { NotificationIntake, PlannedMail } from '../application/notification-intake.js';
import type { MailContent, OrderMailData } from '../domain/mail-templates.js';
import { cancelReasonInWords, orderTemplateFor } from '../domain/notification-rules.js';

/** Consumer group on `events.orders`. */
export const ORDER_MAILS_GROUP = 'notifications.order-mails';

/** An order as mails show it; `customerId` may be null (guest orders). */
type MailedOrder = Pick<Order, 'id' | 'number' | 'currency' | 'lines' | 'subtotal' | 'discountTotal' | 'shipping' | 'total' | 'email'> & {
  customerId: string | null;
  /** Absent on events from before refunds were recorded. */
  refunds?: Order['refunds'];
  shippingAddress?: Order['shippingAddress'];
};

/** The shopper's way back to the order: a customer's account page, a guest's lookup by number (their email proves it is theirs). */
export function orderUrlOf(order: Pick<MailedOrder, 'id' | 'number' | 'customerId'>, storefrontUrl: string): string {
  return order.customerId === null
    ? `${storefrontUrl}/orders/lookup?number=${encodeURIComponent(order.number)}`
    : `${storefrontUrl}/account/orders/${encodeURIComponent(order.id)}`;
}

function addressLines(address: NonNullable<MailedOrder['shippingAddress']>): string[] {
  const town = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, town, address.region, address.country].filter((part): part is string => Boolean(part));
}

export function orderMailData(order: MailedOrder, storefrontUrl?: string): OrderMailData {
  return {
    number: order.number,
    currency: order.currency,
    lines: order.lines.map((l) => ({ name: l.name, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal, refundedQuantity: refundedUnits(order, l.sku) })),
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    shipping: order.shipping,
    total: order.total,
    refundedTotal: (order.refunds ?? []).reduce((n, r) => n + r.amount, 0),
    ...(order.shippingAddress ? { shipTo: addressLines(order.shippingAddress) } : {}),
    ...(storefrontUrl ? { orderUrl: orderUrlOf(order, storefrontUrl) } : {}),
  };
}

function refundedUnits(order: MailedOrder, sku: string): number {
  return (order.refunds ?? []).reduce((n, r) => n + r.lines.filter((l) => l.sku === sku).reduce((m, l) => m + l.quantity, 0), 0);
}

/** The mail of an order status change, or none. */
export function plannedOrderMail(change: { from: Order['status']; to: Order['status']; reason: string | null; order: MailedOrder }, storefrontUrl?: string): PlannedMail | null {
  const template = orderTemplateFor(change.to);
  if (!template) return null;
  const order = orderMailData(change.order, storefrontUrl);
  let content: MailContent;
  if (template === 'order-cancelled') {
    // Cancelled after payment: the rest of the payment goes back (the refunds before it are the order's).
    const refund = isPaidStatus(change.from) ? order.total - (order.refundedTotal ?? 0) : null;
    content = { template, order, reason: cancelReasonInWords(change.reason), refund };
  }
  else content = { template, order };
  return { content, eventEmail: change.order.email, customerId: change.order.customerId };
}

/** The mail of one refund (partial or the last): its amount, its lines, the order. */
export function plannedRefundMail(payload: { refund: OrderRefundedPayload['refund']; final: boolean; order: MailedOrder }): PlannedMail {
  const names = new Map(payload.order.lines.map((l) => [l.sku, l.name]));
  const refund = {
    amount: payload.refund.amount,
    lines: payload.refund.lines.map((l) => ({ sku: l.sku, name: names.get(l.sku) ?? l.sku, quantity: l.quantity })),
    final: payload.final,
  };
  return {
    content: { template: 'order-refunded', order: orderMailData(payload.order), reason: payload.refund.reason, refund },
    eventEmail: payload.order.email,
    customerId: payload.order.customerId,
  };
}

/** The order mails, one route per event type (a refund has its own event, with its amount and lines). */
export function orderMailRoutes(intake: NotificationIntake, storefrontUrl?: string): EventRoute[] {
  return [
    on(OrderRefundedV1, async (event) => {
      await intake.accept(ORDER_MAILS_GROUP, event.eventId, [plannedRefundMail(event.payload)]);
    }),
    on(OrderStatusChangedV1, async (event) => {
      const mail = plannedOrderMail(event.payload, storefrontUrl);
      if (mail) await intake.accept(ORDER_MAILS_GROUP, event.eventId, [mail]);
    }),
  ];
}

export function orderMailsHandler(intake: NotificationIntake, storefrontUrl?: string) {
  return routeEvents(orderMailRoutes(intake, storefrontUrl));
}
