import { OrderRefundedV1, OrderStatusChangedV1, type OrderLineQuantity, type OrderStatus } from '@shop/contracts';
import { on, PoisonMessageError, routeEvents } from '@shop/messaging';
import { isPassing, type Answer } from '../application/failures.js';

/** Consumer group on `events.orders`. */
export const ORDER_RESTOCKS_GROUP = 'inventory-order-restocks';
/** The events of `events.orders` the handler acts on (the consumer acknowledges the rest unread). */
export const ORDER_RESTOCKS_EVENT_TYPES = [OrderRefundedV1.type, OrderStatusChangedV1.type] as const;

/** Orders whose units were committed (sold) by checkout. */
const PAID: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'FULFILLED']);

export interface Restocker {
  restock(restock: { key: string; sku: string; quantity: number; reason: string | null }): Promise<Answer<unknown>>;
}

/**
 * Puts an order's sold units back into available stock when it is undone after payment:
 * - a refund (`orders.order.refunded.v1`, full or partial) restocks its lines, key `<refund id>:<sku>`;
 * - a cancel of a paid order (CONFIRMED → CANCELLED) restocks every unit not refunded before, key
 *   `<order id>:cancel:<sku>` (a cancelled order is final, so nothing is refunded after it).
 * Each key restocks once (the partition records it with the stock change), so a redelivered event
 * changes nothing, and lines already restocked are skipped on a retry. A partition that cannot
 * answer (moving, overloaded, its owner down) fails the delivery; the consumer group delivers it
 * again (inventory-app gives it many attempts) until it succeeds.
 */
export function orderRestocksHandler(inventory: Restocker) {
  return routeEvents([
    on(OrderRefundedV1, async (event) => {
      const { refund } = event.payload;
      await restockAll(inventory, refund.lines, (sku) => `${refund.id}:${sku}`, `refund of ${event.payload.order.number}: ${refund.reason}`);
    }),
    on(OrderStatusChangedV1, async (event) => {
      const { from, to, order, reason } = event.payload;
      if (to !== 'CANCELLED' || !PAID.has(from)) return;
      const refunded = new Map<string, number>();
      for (const r of order.refunds) for (const l of r.lines) refunded.set(l.sku, (refunded.get(l.sku) ?? 0) + l.quantity);
      const left = order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity - (refunded.get(l.sku) ?? 0) })).filter((l) => l.quantity > 0);
      await restockAll(inventory, left, (sku) => `${order.id}:cancel:${sku}`, `cancel of ${order.number}${reason ? `: ${reason}` : ''}`);
    }),
  ]);
}

async function restockAll(inventory: Restocker, lines: readonly OrderLineQuantity[], keyOf: (sku: string) => string, reason: string): Promise<void> {
  for (const line of lines) {
    const answer = await inventory.restock({ key: keyOf(line.sku), sku: line.sku, quantity: line.quantity, reason: reason.slice(0, 500) });
    if (answer.ok !== false) continue;
    const why = `restock of ${line.sku} refused (${answer.failure.code}): ${answer.failure.message}`;
    // A passing refusal (partition moving, mailbox full, owner down) is retried; one that cannot
    // change by waiting (unknown SKU, fewer units sold than asked) goes to the dead letters for an admin.
    throw isPassing(answer.failure) ? new Error(why) : new PoisonMessageError(why);
  }
}
