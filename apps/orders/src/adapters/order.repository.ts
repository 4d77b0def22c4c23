import type { Order, OrderDiscount, OrderLineQuantity, OrderSummary, ShippingAddress } from '@shop/contracts';
import type { Prisma, PrismaClient, Tx } from '@shop/persistence';
import { InvalidCursorError, type NewOrder, type OrderListFilter, type OrderStore, type RefundWrite, type StatusWrite } from '../application/order-store.js';
import { decodeOrderCursor, encodeOrderCursor } from '../domain/order-cursor.js';
import { formatOrderNumber, parseOrderNumber } from '../domain/order-number.js';

const orderInclude = {
  lines: { orderBy: { position: 'asc' } },
  history: { orderBy: { id: 'asc' } },
  refunds: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.OrderInclude;

const summaryInclude = { lines: { select: { quantity: true } } } satisfies Prisma.OrderInclude;

type OrderRow = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;
type SummaryRow = Prisma.OrderGetPayload<{ include: typeof summaryInclude }>;

/** number_seq is a Postgres integer (SERIAL). */
const MAX_SEQUENCE = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Orders, their lines and status history in the `orders` schema, mapped to the contract's Order. */
export class OrderRepository implements OrderStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** By id (UUID) or number ("SO-000123"); `customerId` restricts to that customer's orders. */
  async find(ref: string, customerId?: string, db: PrismaClient | Tx = this.prisma): Promise<Order | null> {
    const sequence = parseOrderNumber(ref);
    if (sequence === undefined ? !UUID.test(ref) : sequence > MAX_SEQUENCE) return null;
    const where: Prisma.OrderWhereInput = sequence !== undefined ? { numberSeq: sequence } : { id: ref };
    if (customerId !== undefined) where.customerId = customerId;
    const row = await db.order.findFirst({ where, include: orderInclude });
    return row ? toOrder(row) : null;
  }

  async findByCheckoutId(checkoutId: string): Promise<Order | null> {
    const row = await this.prisma.order.findUnique({ where: { checkoutId }, include: orderInclude });
    return row ? toOrder(row) : null;
  }

  /** Inserts the order, its lines and its first history entry (→ PENDING); returns it as stored. */
  async insert(tx: Tx, order: NewOrder): Promise<Order> {
    const row = await tx.order.create({
      data: {
        id: order.id,
        checkoutId: order.checkoutId,
        customerId: order.customerId,
        email: order.email,
        status: 'PENDING',
        currency: order.currency,
        subtotal: order.subtotal,
        discounts: order.discounts as unknown as Prisma.InputJsonValue,
        discountTotal: order.discountTotal,
        shipping: order.shipping,
        total: order.total,
        shippingAddress: order.shippingAddress as Prisma.InputJsonValue,
        createdAt: order.at,
        updatedAt: order.at,
        lines: {
          create: order.lines.map((l, position) => ({
            position,
            sku: l.sku,
            name: l.name,
            unitPrice: l.unitPrice,
            quantity: l.quantity,
            lineTotal: l.lineTotal,
          })),
        },
        history: { create: { fromStatus: null, toStatus: 'PENDING', reason: null, actor: order.actor, at: order.at } },
      },
      include: orderInclude,
    });
    return toOrder(row);
  }

  /**
   * Moves the order to `to` only if it is still at `expectedVersion` (so a concurrent change in
   * between makes this one fail instead of both applying), and records the change. Returns the
   * order after the change, or null when it lost the race.
   */
  async changeStatus(tx: Tx, change: StatusWrite): Promise<Order | null> {
    const { count } = await tx.order.updateMany({
      where: { id: change.id, version: change.expectedVersion, status: change.from },
      data: {
        status: change.to,
        version: change.expectedVersion + 1,
        updatedAt: change.at,
        ...(change.to === 'CANCELLED' ? { cancelReason: change.reason } : {}),
      },
    });
    if (count !== 1) return null;
    await tx.orderStatusChange.create({
      data: { orderId: change.id, fromStatus: change.from, toStatus: change.to, reason: change.reason, actor: change.actor, at: change.at },
    });
    return this.find(change.id, undefined, tx);
  }

  /**
   * Records a refund only if the order is still at `expectedVersion` and `from`; a final one also
   * moves it to REFUNDED and records that change. The order after it, or null when it lost the race.
   */
  async addRefund(tx: Tx, refund: RefundWrite): Promise<Order | null> {
    const { count } = await tx.order.updateMany({
      where: { id: refund.orderId, version: refund.expectedVersion, status: refund.from },
      data: { version: refund.expectedVersion + 1, updatedAt: refund.at, ...(refund.final ? { status: 'REFUNDED' as const } : {}) },
    });
    if (count !== 1) return null;
    await tx.orderRefund.create({
      data: {
        id: refund.refundId,
        orderId: refund.orderId,
        amount: refund.amount,
        lines: refund.lines as unknown as Prisma.InputJsonValue,
        reason: refund.reason,
        actor: refund.actor,
        idempotencyKey: refund.idempotencyKey,
        at: refund.at,
      },
    });
    if (refund.final) {
      await tx.orderStatusChange.create({
        data: { orderId: refund.orderId, fromStatus: refund.from, toStatus: 'REFUNDED', reason: refund.reason, actor: refund.actor, at: refund.at },
      });
    }
    return this.find(refund.orderId, undefined, tx);
  }

  async findRefundByKey(orderId: string, idempotencyKey: string): Promise<{ id: string } | null> {
    return this.prisma.orderRefund.findUnique({ where: { orderId_idempotencyKey: { orderId, idempotencyKey } }, select: { id: true } });
  }

  isDuplicateCheckout(err: unknown): boolean {
    return isDuplicateCheckout(err);
  }

  /** Newest first, keyset-paginated. */
  async list(filter: OrderListFilter): Promise<{ items: OrderSummary[]; nextCursor: string | null }> {
    const cursor = filter.cursor === undefined ? undefined : decodeOrderCursor(filter.cursor);
    if (filter.cursor !== undefined && !cursor) throw new InvalidCursorError('cursor does not belong to this listing');
    const createdAt: Prisma.DateTimeFilter = {};
    if (filter.from) createdAt.gte = filter.from;
    if (filter.to) createdAt.lt = filter.to;
    const where: Prisma.OrderWhereInput = {
      ...(filter.customerId !== undefined ? { customerId: filter.customerId } : {}),
      ...(filter.email !== undefined ? { email: filter.email } : {}),
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.numberSeq !== undefined ? { numberSeq: filter.numberSeq } : {}),
      ...(filter.from || filter.to ? { createdAt } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    };
    const rows = await this.prisma.order.findMany({
      where,
      include: summaryInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > filter.limit && last ? encodeOrderCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return { items: page.map(toSummary), nextCursor };
  }
}

/** What an order and its summary both say. */
function orderHead(row: SummaryRow) {
  return {
    id: row.id,
    number: formatOrderNumber(row.numberSeq),
    customerId: row.customerId,
    email: row.email,
    status: row.status,
    currency: row.currency,
    total: row.total,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toOrder(row: OrderRow): Order {
  return {
    ...orderHead(row),
    lines: row.lines.map((l) => ({ sku: l.sku, name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal })),
    subtotal: row.subtotal,
    discounts: row.discounts as OrderDiscount[],
    discountTotal: row.discountTotal,
    shipping: row.shipping,
    shippingAddress: row.shippingAddress as ShippingAddress,
    checkoutId: row.checkoutId,
    history: row.history.map((h) => ({ from: h.fromStatus, to: h.toStatus, reason: h.reason, actor: h.actor, at: h.at.toISOString() })),
    refunds: row.refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      lines: r.lines as OrderLineQuantity[],
      reason: r.reason,
      actor: r.actor,
      at: r.at.toISOString(),
    })),
    version: row.version,
  };
}

function toSummary(row: SummaryRow): OrderSummary {
  return { ...orderHead(row), itemCount: row.lines.reduce((n, l) => n + l.quantity, 0) };
}

/** True when a failed insert hit the unique checkout id (Prisma P2002): the order already exists. */
export function isDuplicateCheckout(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || (err as { code?: unknown }).code !== 'P2002') return false;
  const detail = JSON.stringify((err as { meta?: unknown }).meta ?? {}) + String((err as Error).message);
  return /checkout_id|checkoutId/.test(detail);
}
