import { streamOf, type Order, type OrderDiscount, type OrderLineQuantity, type OrderStatus, type OrderSummary, type ShippingAddress } from '@shop/contracts';
import { OUTBOX_CHANNEL } from '@shop/messaging';
import { pgPoolOf, Prisma, queryNamed, type PgPool, type PrismaClient, type Tx } from '@shop/persistence';
import {
  InvalidCursorError,
  type NewOrder,
  type OrderListFilter,
  type OrderStore,
  type OutboxWrite,
  type PaymentClaimWrite,
  type RefundWrite,
  type StatusWrite,
} from '../application/order-store.js';
import { decodeOrderCursor, encodeOrderCursor } from '../domain/order-cursor.js';
import { formatOrderNumber, parseOrderNumber } from '../domain/order-number.js';

type OrderRow = Prisma.OrderGetPayload<{ include: { lines: true; history: true; refunds: true } }>;

/** What toOrder reads of an order; `findWhere` gives it from one statement. */
type OrderFields = Omit<OrderRow, 'lines' | 'history' | 'refunds'> & {
  lines: Pick<OrderRow['lines'][number], 'sku' | 'name' | 'unitPrice' | 'quantity' | 'lineTotal'>[];
  history: Pick<OrderRow['history'][number], 'fromStatus' | 'toStatus' | 'reason' | 'actor' | 'at'>[];
  refunds: Pick<OrderRow['refunds'][number], 'id' | 'amount' | 'lines' | 'reason' | 'actor' | 'at'>[];
};

/** The row as the statement answers it: the JSON timestamps as epoch milliseconds. */
type RawOrderRow = Omit<OrderFields, 'history' | 'refunds'> & {
  history: (Omit<OrderFields['history'][number], 'at'> & { at: number })[];
  refunds: (Omit<OrderFields['refunds'][number], 'at'> & { at: number })[];
};
type SummaryRow = Prisma.OrderGetPayload<object>;

/** A listed order's figures from its lines and refunds: units bought, minor units refunded. */
interface SummaryFigures {
  id: string;
  item_count: number;
  refunded_total: number;
}

/** number_seq is a Postgres integer (SERIAL). */
const MAX_SEQUENCE = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "SO-" + the sequence value zero-padded to at least 6 digits, in SQL (as formatOrderNumber). */
const ORDER_NUMBER_SQL = `'SO-' || lpad(o.number_seq::text, greatest(6, length(o.number_seq::text)), '0')`;

/**
 * The outbox rows of a change, from parallel arrays (`$first`..`$first+6`: event ids, sources,
 * streams, types, aggregate ids, envelopes, notify-the-first), inserted by the statement that
 * makes the change (FROM `o`, the changed order: no change, no event), in array order. The order
 * row's lock, taken by that statement before the rows' outbox ids are drawn, orders the events of
 * one order as appendToOutbox's advisory lock does. `withNumber` fills in the events' order
 * number, which the database assigns.
 */
function outboxInsertSql(first: number, withNumber: boolean): string {
  const $ = (i: number) => `$${first + i}`;
  const envelope = withNumber ? `jsonb_set(v.envelope, '{payload,order,number}', to_jsonb(${ORDER_NUMBER_SQL}))` : 'v.envelope';
  return `INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope)
    SELECT v.event_id, v.source, v.stream, v.event_type, v.aggregate_id, ${envelope}
    FROM o, unnest(${$(0)}::uuid[], ${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::text[], ${$(5)}::jsonb[])
            WITH ORDINALITY AS v(event_id, source, stream, event_type, aggregate_id, envelope, i)
    ORDER BY v.i`;
}

/** NOTIFY waiting relays at commit (when the first event says to), once per statement that changed an order. */
const notifySql = (first: number) =>
  `CASE WHEN $${first + 6}::boolean THEN pg_notify('${OUTBOX_CHANNEL}', ($${first + 1}::text[])[1]) END AS notified`;

/** The values outboxInsertSql and notifySql read, in their order. */
function outboxValues(events: readonly OutboxWrite[]): unknown[] {
  return [
    events.map((e) => e.envelope.eventId),
    events.map((e) => e.source),
    events.map((e) => streamOf(e.envelope.eventType)),
    events.map((e) => e.envelope.eventType),
    events.map((e) => e.envelope.aggregateId),
    events.map((e) => JSON.stringify(e.envelope)),
    events[0]?.notify ?? false,
  ];
}

/** One order with its lines, history and refunds in ONE statement (an include would send one per relation). */
const findSql = (where: string) => `
  SELECT o.id, o.number_seq AS "numberSeq", o.customer_id AS "customerId", o.email, o.status::text AS status, o.currency, o.subtotal,
         o.discounts, o.discount_total AS "discountTotal", o.shipping, o.total, o.shipping_address AS "shippingAddress",
         o.cancel_reason AS "cancelReason", o.payment_claimed_at AS "paymentClaimedAt", o.checkout_id AS "checkoutId", o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt",
         (SELECT coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'name', l.name, 'unitPrice', l.unit_price, 'quantity', l.quantity,
                                                       'lineTotal', l.line_total) ORDER BY l.position), '[]')
          FROM orders.order_line l WHERE l.order_id = o.id) AS lines,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('fromStatus', h.from_status, 'toStatus', h.to_status, 'reason', h.reason, 'actor', h.actor,
                                                       'at', extract(epoch FROM h.at) * 1000) ORDER BY h.id), '[]')
          FROM orders.order_status_change h WHERE h.order_id = o.id) AS history,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'amount', r.amount, 'lines', r.lines, 'reason', r.reason, 'actor', r.actor,
                                                       'at', extract(epoch FROM r.at) * 1000) ORDER BY r.at, r.id), '[]')
          FROM orders.order_refund r WHERE r.order_id = o.id) AS refunds
  FROM orders."order" o WHERE ${where}
  LIMIT 1`;

/** The lookups of an order, each a named prepared statement. */
const FIND = {
  byId: { name: 'orders_find_by_id', text: findSql('o.id = $1::uuid') },
  byNumber: { name: 'orders_find_by_number', text: findSql('o.number_seq = $1::int') },
  byIdOfCustomer: { name: 'orders_find_by_id_of_customer', text: findSql('o.id = $1::uuid AND o.customer_id = $2::uuid') },
  byNumberOfCustomer: { name: 'orders_find_by_number_of_customer', text: findSql('o.number_seq = $1::int AND o.customer_id = $2::uuid') },
  byCheckout: { name: 'orders_find_by_checkout', text: findSql('o.checkout_id = $1::uuid') },
} as const;

/**
 * The checkout's order ($1-$12), its lines ($13-$17 as parallel arrays), its history ($18-$19:
 * from/to in the order passed through; $20 at, $21 actor) and its events ($22-$28), in ONE statement.
 */
const CREATE_SQL = `
  WITH o AS (
    INSERT INTO orders."order" (id, checkout_id, customer_id, email, status, currency, subtotal, discounts, discount_total, shipping, total,
                                shipping_address, created_at, updated_at, version)
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text::orders."OrderStatus", $6::text,
            $7::int, $8::jsonb, $9::int, $10::int, $11::int,
            $12::jsonb, $20::timestamptz, $20::timestamptz, cardinality($19::text[]))
    ON CONFLICT (checkout_id) DO NOTHING
    RETURNING id, number_seq
  ), l AS (
    INSERT INTO orders.order_line (order_id, position, sku, name, unit_price, quantity, line_total)
    SELECT o.id, (v.i - 1)::int, v.sku, v.name, v.unit_price, v.quantity, v.line_total
    FROM o, unnest($13::text[], $14::text[], $15::int[], $16::int[], $17::int[]) WITH ORDINALITY AS v(sku, name, unit_price, quantity, line_total, i)
  ), h AS (
    -- In id order, so the history reads in the order the statuses were passed through.
    INSERT INTO orders.order_status_change (order_id, from_status, to_status, reason, actor, at)
    SELECT o.id, v.from_status::orders."OrderStatus", v.to_status::orders."OrderStatus", NULL, $21::text, $20::timestamptz
    FROM o, unnest($18::text[], $19::text[]) WITH ORDINALITY AS v(from_status, to_status, i) ORDER BY v.i
  ), e AS (${outboxInsertSql(22, true)})
  SELECT o.number_seq, ${notifySql(22)} FROM o`;

/** The change ($1-$7) with its history row and its event ($8-$14), in ONE statement. */
const CHANGE_STATUS_SQL = `
  WITH o AS (
    UPDATE orders."order" SET status = $4::text::orders."OrderStatus", version = $2::int + 1, updated_at = $7::timestamptz,
      cancel_reason = CASE WHEN $4::text = 'CANCELLED' THEN $5::text ELSE cancel_reason END
    WHERE id = $1::uuid AND version = $2::int AND status = $3::text::orders."OrderStatus"
    RETURNING id
  ), h AS (
    INSERT INTO orders.order_status_change (order_id, from_status, to_status, reason, actor, at)
    SELECT o.id, $3::text::orders."OrderStatus", $4::text::orders."OrderStatus", $5::text, $6::text, $7::timestamptz FROM o
  ), e AS (${outboxInsertSql(8, false)})
  SELECT ${notifySql(8)} FROM o`;

/** The payment claim ($1 the order id, $2 its checkout id, $3 when). */
const CLAIM_PAYMENT = `
  UPDATE orders."order" SET payment_claimed_at = $3::timestamptz, version = version + 1, updated_at = $3::timestamptz
  WHERE id = $1::uuid AND checkout_id = $2::uuid AND status = 'AWAITING_PAYMENT'::orders."OrderStatus" AND payment_claimed_at IS NULL
  RETURNING id, version`;

/**
 * Orders, their lines and status history in the `orders` schema, mapped to the contract's Order.
 * The statements every checkout sends (create, change of status, find) go straight through `pg`
 * as named prepared statements (the pool under `prisma`); listings and refunds stay on Prisma.
 */
export class OrderRepository implements OrderStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: PgPool = pgPoolOf(prisma),
  ) {}

  /**
   * The checkout's order, its lines, its history (one row per status it passed through on the
   * way to `statuses`' last) and their events, in ONE statement; null when the checkout already
   * has an order (nothing written). Answers the sequence value of the order's number.
   */
  async create(order: NewOrder, statuses: readonly { from: OrderStatus | null; to: OrderStatus }[], events: readonly OutboxWrite[]): Promise<number | null> {
    const rows = await queryNamed<{ number_seq: number }>(this.pool, 'orders_create', CREATE_SQL, [
      order.id,
      order.checkoutId,
      order.customerId,
      order.email,
      statuses.at(-1)!.to,
      order.currency,
      order.subtotal,
      JSON.stringify(order.discounts),
      order.discountTotal,
      order.shipping,
      order.total,
      JSON.stringify(order.shippingAddress),
      order.lines.map((l) => l.sku),
      order.lines.map((l) => l.name),
      order.lines.map((l) => l.unitPrice),
      order.lines.map((l) => l.quantity),
      order.lines.map((l) => l.lineTotal),
      statuses.map((h) => h.from),
      statuses.map((h) => h.to),
      order.at,
      order.actor,
      ...outboxValues(events),
    ]);
    return rows[0] ? Number(rows[0].number_seq) : null;
  }

  /**
   * Moves the order to `to` only if it is still at `expectedVersion` and `from` (so a concurrent
   * change in between makes this one fail instead of both applying), with its history row and its
   * event, in ONE statement. False when it lost the race (nothing written).
   */
  async changeStatus(change: StatusWrite, event: OutboxWrite): Promise<boolean> {
    const rows = await queryNamed(this.pool, 'orders_change_status', CHANGE_STATUS_SQL, [
      change.id,
      change.expectedVersion,
      change.from,
      change.to,
      change.reason,
      change.actor,
      change.at,
      ...outboxValues([event]),
    ]);
    return rows.length === 1;
  }

  async findWithClaim(ref: string): Promise<{ order: Order; paymentClaimedAt: Date | null } | null> {
    const sequence = parseOrderNumber(ref);
    if (sequence === undefined ? !UUID.test(ref) : sequence > MAX_SEQUENCE) return null;
    const row = await this.findRow(sequence !== undefined ? FIND.byNumber : FIND.byId, [sequence ?? ref]);
    return row ? { order: orderOf(row), paymentClaimedAt: row.paymentClaimedAt } : null;
  }

  /**
   * The claim, conditional on what deciding it would check (this checkout's order, awaiting its
   * payment, unclaimed), so the usual claim needs no read first. No history row or event: the
   * status does not change.
   */
  async claimPayment(claim: PaymentClaimWrite): Promise<{ id: string; version: number } | null> {
    const rows = await queryNamed<{ id: string; version: number }>(this.pool, 'orders_claim_payment', CLAIM_PAYMENT, [claim.id, claim.checkoutId, claim.at]);
    return rows[0] ?? null;
  }

  /** By id (UUID) or number ("SO-000123"); `customerId` restricts to that customer's orders. */
  async find(ref: string, customerId?: string, db: PrismaClient | Tx = this.prisma): Promise<Order | null> {
    const sequence = parseOrderNumber(ref);
    if (sequence === undefined ? !UUID.test(ref) : sequence > MAX_SEQUENCE) return null;
    if (customerId !== undefined && !UUID.test(customerId)) return null;
    const key = sequence !== undefined ? sequence : ref;
    if (customerId === undefined) return this.findWhere(sequence !== undefined ? FIND.byNumber : FIND.byId, [key], db);
    return this.findWhere(sequence !== undefined ? FIND.byNumberOfCustomer : FIND.byIdOfCustomer, [key, customerId], db);
  }

  async findByCheckoutId(checkoutId: string): Promise<Order | null> {
    return this.findWhere(FIND.byCheckout, [checkoutId]);
  }

  private async findWhere(statement: { name: string; text: string }, values: unknown[], db: PrismaClient | Tx = this.prisma): Promise<Order | null> {
    const row = await this.findRow(statement, values, db);
    return row ? orderOf(row) : null;
  }

  /** Through `pg` as a named statement, or inside a Prisma transaction when `db` is one. */
  private async findRow(statement: { name: string; text: string }, values: unknown[], db: PrismaClient | Tx = this.prisma): Promise<RawOrderRow | null> {
    const rows =
      db === this.prisma
        ? await queryNamed<RawOrderRow>(this.pool, statement.name, statement.text, values)
        : await db.$queryRawUnsafe<RawOrderRow[]>(statement.text, ...values);
    return rows[0] ?? null;
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
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > filter.limit && last ? encodeOrderCursor({ createdAt: last.createdAt, id: last.id }) : null;
    // One statement for the whole page's item counts and refunds (two includes would be two).
    const figures = page.length === 0 ? [] : await this.prisma.$queryRaw<SummaryFigures[]>`
      SELECT o.id::text AS id,
        (SELECT coalesce(sum(l.quantity), 0) FROM orders.order_line l WHERE l.order_id = o.id)::int AS item_count,
        (SELECT coalesce(sum(r.amount), 0) FROM orders.order_refund r WHERE r.order_id = o.id)::int AS refunded_total
      FROM unnest(${page.map((o) => o.id)}::uuid[]) AS o(id)`;
    const byId = new Map(figures.map((f) => [f.id, f]));
    return { items: page.map((row) => toSummary(row, byId.get(row.id))), nextCursor };
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

/** Timestamps inside JSON come as epoch milliseconds (the columns hold milliseconds). */
function orderOf(row: RawOrderRow): Order {
  return toOrder({
    ...row,
    history: row.history.map((h) => ({ ...h, at: new Date(Number(h.at)) })),
    refunds: row.refunds.map((r) => ({ ...r, at: new Date(Number(r.at)) })),
  });
}

function toOrder(row: OrderFields): Order {
  return {
    ...orderHead(row),
    lines: row.lines.map((l) => ({ sku: l.sku, name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal })),
    subtotal: row.subtotal,
    discounts: row.discounts as OrderDiscount[],
    discountTotal: row.discountTotal,
    shipping: row.shipping,
    shippingAddress: row.shippingAddress as ShippingAddress,
    checkoutId: row.checkoutId,
    // Said only while it matters: an order awaiting its payment that its checkout has claimed.
    ...(row.status === 'AWAITING_PAYMENT' && row.paymentClaimedAt ? { paymentClaimedAt: row.paymentClaimedAt.toISOString() } : {}),
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

function toSummary(row: SummaryRow, figures: SummaryFigures | undefined): OrderSummary {
  return { ...orderHead(row), itemCount: figures?.item_count ?? 0, refundedTotal: figures?.refunded_total ?? 0 };
}
