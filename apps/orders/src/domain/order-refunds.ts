import { FailureCode, type OrderLineQuantity, type OrderStatus } from '@shop/contracts';
import type { OrderError } from './order-errors.js';

/** What a refund decision needs to know of the order. */
export interface RefundableOrder {
  status: OrderStatus;
  version: number;
  total: number;
  lines: readonly { sku: string; quantity: number; lineTotal: number }[];
  discounts: readonly { amount: number; sku?: string }[];
  refunds: readonly { amount: number; lines: readonly OrderLineQuantity[] }[];
}

export interface RefundRequest {
  lines: readonly OrderLineQuantity[];
  expectedVersion?: number;
}

export type RefundDecision =
  /** `final`: nothing is left to refund afterwards, the order becomes REFUNDED. */
  | { kind: 'apply'; amount: number; lines: OrderLineQuantity[]; final: boolean }
  | { kind: 'refused'; error: OrderError };

/** Only a paid order's money can go back. */
const REFUNDABLE: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'FULFILLED']);

/** Units of each SKU refunded so far. */
export function refundedUnits(order: Pick<RefundableOrder, 'refunds'>): Map<string, number> {
  const units = new Map<string, number>();
  for (const refund of order.refunds) for (const l of refund.lines) units.set(l.sku, (units.get(l.sku) ?? 0) + l.quantity);
  return units;
}

/** The units of every line not refunded yet (what a full refund or a cancel restocks). */
export function unrefundedLines(order: Pick<RefundableOrder, 'lines' | 'refunds'>): OrderLineQuantity[] {
  const refunded = refundedUnits(order);
  return order.lines
    .map((l) => ({ sku: l.sku, quantity: l.quantity - (refunded.get(l.sku) ?? 0) }))
    .filter((l) => l.quantity > 0);
}

/**
 * What each line was paid: its line total less the discounts taken off its SKU, never below 0.
 * The checkout records a cart-wide discount (a cart promotion, a coupon) as shares on the lines it
 * covered (docs/pricing.md), so a discount without a SKU is off shipping: it belongs to no line,
 * like shipping itself.
 */
export function linePaidAmounts(order: Pick<RefundableOrder, 'lines' | 'discounts'>): Map<string, number> {
  const bySku = new Map<string, number>();
  for (const d of order.discounts) if (d.sku !== undefined) bySku.set(d.sku, (bySku.get(d.sku) ?? 0) + d.amount);
  return new Map(order.lines.map((l) => [l.sku, Math.max(0, l.lineTotal - (bySku.get(l.sku) ?? 0))]));
}

/**
 * Decides a refund of some units of some lines. Pure: the caller records it with a write
 * conditional on the version it was decided on.
 *
 * Amount rule: units of a line are worth their share of what the line was paid
 * (`linePaidAmounts`), counted cumulatively — the first k units of a line refund
 * floor(paid × k / quantity) — so refunding a line in parts adds up to refunding it at once. The
 * refund that leaves nothing to refund gives back all that is left of the order's total, which
 * includes shipping. The sum of refunds never exceeds the total.
 */
export function decideRefund(order: RefundableOrder, request: RefundRequest): RefundDecision {
  if (request.expectedVersion !== undefined && request.expectedVersion !== order.version) {
    return refused({
      code: FailureCode.CONFLICT,
      message: `the order changed since version ${request.expectedVersion} (now ${order.version}); reload and retry`,
      details: { expected: request.expectedVersion, actual: order.version },
    });
  }
  if (!REFUNDABLE.has(order.status)) {
    return refused({
      code: FailureCode.ILLEGAL_TRANSITION,
      message: `an order that is ${order.status} cannot be refunded: only a paid order (CONFIRMED or FULFILLED)`,
      details: { from: order.status, to: 'REFUNDED', allowed: [] },
    });
  }
  const refunded = refundedUnits(order);
  const bought = new Map(order.lines.map((l) => [l.sku, l.quantity]));
  for (const [i, line] of request.lines.entries()) {
    const quantity = bought.get(line.sku);
    if (quantity === undefined) return invalidLine(`lines.${i}.sku`, `lines.${i}.sku: the order has no line ${line.sku}`);
    const left = quantity - (refunded.get(line.sku) ?? 0);
    if (line.quantity > left) {
      return invalidLine(
        `lines.${i}.quantity`,
        `lines.${i}.quantity: ${line.sku} has ${left} of ${quantity} units left to refund, not ${line.quantity}`,
      );
    }
  }
  if (request.lines.length === 0) return invalidLine('lines', 'lines: name at least one line to refund');

  const paid = linePaidAmounts(order);
  let amount = 0;
  for (const line of request.lines) {
    const quantity = bought.get(line.sku)!;
    const before = refunded.get(line.sku) ?? 0;
    const linePaid = paid.get(line.sku) ?? 0;
    amount += Math.floor((linePaid * (before + line.quantity)) / quantity) - Math.floor((linePaid * before) / quantity);
  }
  const refundedSoFar = order.refunds.reduce((n, r) => n + r.amount, 0);
  const left = Math.max(0, order.total - refundedSoFar);
  const requested = new Map(request.lines.map((l) => [l.sku, l.quantity]));
  const final = order.lines.every((l) => (refunded.get(l.sku) ?? 0) + (requested.get(l.sku) ?? 0) === l.quantity);
  return {
    kind: 'apply',
    amount: final ? left : Math.min(amount, left),
    lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    final,
  };
}

function invalidLine(field: string, message: string): RefundDecision {
  return refused({ code: FailureCode.VALIDATION_FAILED, message, details: { field } });
}

function refused(error: OrderError): RefundDecision {
  return { kind: 'refused', error };
}
