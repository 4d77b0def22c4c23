import { bulkhead, type BulkheadPolicy } from 'cockatiel';
import type { Coupon, CouponDiscount, CouponHold, CouponRefusal } from '@shop/contracts';
import { type Prisma, type PrismaClient, type Tx, withTransaction } from '@shop/persistence';
import type { CouponBook } from '../application/coupon-book.js';
import type { CouponChange, CouponChangeResult, CouponStore, HoldRequest, HoldResult, NewCoupon, SettleResult } from '../application/coupon-store.js';
import type { CouponRule } from '../domain/coupon-rule.js';
import { discountChangeProblem } from '../domain/coupon-discount-change.js';
import { windowProblem } from '../domain/coupon-hold.js';

type HoldStatus = CouponHold['status'];

type CouponRow = Prisma.CouponGetPayload<object>;
type HoldRow = Prisma.CouponHoldGetPayload<object>;

/** The coupon's rule columns, read under its row lock (named as the Prisma model names them). */
type LockedCouponRow = Pick<CouponRow, 'code' | 'discount' | 'usageLimit' | 'perCustomerLimit' | 'startsAt' | 'endsAt' | 'active' | 'used' | 'held'>;

/**
 * A hold waits for the coupon's row lock behind every other hold of the same code; give it room
 * (a 150-checkout rush on one code queues up) but not forever.
 */
const HOLD_TRANSACTION = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * Hold transactions of this process at once. Holds of one code run one at a time anyway (the row
 * lock), so a rush waits here, in memory, instead of parking every pooled connection on the lock
 * and starving the service's other queries (quotes' misses, the outbox relay, readiness).
 */
const CONCURRENT_HOLDS = 4;

/**
 * Coupons and holds in the `pricing` schema. The counters `used` and `held` move only in the same
 * statement or transaction that moves a hold, and a new hold decides under `SELECT … FOR UPDATE`
 * of the coupon row: concurrent holds of one code run one at a time, so a 100-use coupon is held
 * or used 100 times, never 101 (a CHECK constraint says so too).
 */
export class CouponRepository implements CouponStore, CouponBook {
  private readonly holdSlots: BulkheadPolicy = bulkhead(CONCURRENT_HOLDS, Number.MAX_SAFE_INTEGER);

  constructor(private readonly prisma: PrismaClient) {}

  async insert(coupon: NewCoupon): Promise<Coupon | null> {
    const rows = await this.prisma.$queryRaw<{ code: string }[]>`
      INSERT INTO "pricing"."coupon" (code, discount, usage_limit, per_customer_limit, starts_at, ends_at, created_at, updated_at)
      VALUES (${coupon.code}, ${JSON.stringify(coupon.discount)}::jsonb, ${coupon.usageLimit}, ${coupon.perCustomerLimit},
              ${coupon.startsAt}, ${coupon.endsAt}, ${coupon.at}, ${coupon.at})
      ON CONFLICT (code) DO NOTHING
      RETURNING code`;
    return rows.length === 0 ? null : this.find(coupon.code);
  }

  async find(code: string): Promise<Coupon | null> {
    const row = await this.prisma.coupon.findUnique({ where: { code } });
    return row ? toCoupon(row) : null;
  }

  async list(page: { limit: number; after?: string }): Promise<{ items: Coupon[]; nextCursor: string | null }> {
    const rows = await this.prisma.coupon.findMany({
      where: page.after === undefined ? {} : { code: { gt: page.after } },
      orderBy: { code: 'asc' },
      take: page.limit + 1,
    });
    const items = rows.slice(0, page.limit).map(toCoupon);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.code ?? null) : null };
  }

  /**
   * Under the row's lock, so a lowered limit is compared with the uses as they are. A new discount
   * is written for the quotes to come: a hold or a consume never reads it (a checkout is charged
   * its signed quote), so checkouts under way are not touched.
   */
  async change(code: string, change: CouponChange): Promise<CouponChangeResult> {
    return withTransaction(this.prisma, async (tx) => {
      const row = await lockCoupon(tx, code);
      if (!row) return { kind: 'not_found' };
      const discountIssue = change.discount === undefined ? null : discountChangeProblem(row.discount as CouponDiscount, change.discount);
      if (discountIssue) return { kind: 'bad_discount', issue: discountIssue };
      const startsAt = change.startsAt === undefined ? row.startsAt : change.startsAt;
      const endsAt = change.endsAt === undefined ? row.endsAt : change.endsAt;
      if (windowProblem(startsAt, endsAt)) return { kind: 'bad_window' };
      const taken = row.used + row.held;
      if (change.usageLimit !== undefined && change.usageLimit !== null && change.usageLimit < taken) return { kind: 'below_usage', taken };
      const updated = await tx.coupon.update({
        where: { code },
        data: {
          ...(change.discount !== undefined ? { discount: change.discount } : {}),
          ...(change.usageLimit !== undefined ? { usageLimit: change.usageLimit } : {}),
          ...(change.perCustomerLimit !== undefined ? { perCustomerLimit: change.perCustomerLimit } : {}),
          startsAt,
          endsAt,
          ...(change.active !== undefined ? { active: change.active } : {}),
          updatedAt: change.at,
        },
      });
      return { kind: 'changed', coupon: toCoupon(updated) };
    });
  }

  async byCode(code: string): Promise<CouponRule | null> {
    return this.rule(code);
  }

  async rule(code: string): Promise<CouponRule | null> {
    const row = await this.prisma.coupon.findUnique({ where: { code } });
    return row ? toRule(row) : null;
  }

  async usesBy(code: string, customerId: string): Promise<number> {
    return this.prisma.couponHold.count({ where: { code, customerId, status: { in: ['held', 'consumed'] } } });
  }

  async hold(request: HoldRequest, decide: (rule: CouponRule | null, usesByCustomer: number) => CouponRefusal | null): Promise<HoldResult> {
    try {
      return await this.holdSlots.execute(() => withTransaction(this.prisma, (tx) => this.holdUnderLock(tx, request, decide), HOLD_TRANSACTION));
    } catch (err) {
      // The same checkout raced itself for another code (the other code's lock did not serialize
      // the two): the primary key refused the second hold; answer with the one that won.
      if (!isUniqueViolation(err)) throw err;
      const existing = await this.prisma.couponHold.findUnique({ where: { checkoutId: request.checkoutId } });
      if (!existing) throw err;
      return replayOf(existing, request);
    }
  }

  private async holdUnderLock(tx: Tx, request: HoldRequest, decide: (rule: CouponRule | null, usesByCustomer: number) => CouponRefusal | null): Promise<HoldResult> {
    const row = await lockCoupon(tx, request.code);
    // Read after the lock: in READ COMMITTED every statement sees what the previous lock holders committed.
    const existing = await tx.couponHold.findUnique({ where: { checkoutId: request.checkoutId } });
    if (existing) return replayOf(existing, request);
    if (!row) return { kind: 'refused', reason: decide(null, 0) ?? 'unknown' };
    const uses =
      row.perCustomerLimit === null
        ? 0
        : await tx.couponHold.count({ where: { code: request.code, customerId: request.customerId, status: { in: ['held', 'consumed'] } } });
    const refusal = decide(toRule(row), uses);
    if (refusal) return { kind: 'refused', reason: refusal };
    const hold = await tx.couponHold.create({
      data: { checkoutId: request.checkoutId, code: request.code, customerId: request.customerId, status: 'held', expiresAt: request.expiresAt, createdAt: request.at },
    });
    await tx.$executeRaw`UPDATE "pricing"."coupon" SET held = held + 1, updated_at = ${request.at} WHERE code = ${request.code}`;
    return { kind: 'created', hold: toHold(hold) };
  }

  /**
   * held → consumed and the coupon's counters in one statement: the hold's row lock decides a
   * race with a release or the sweep (the loser's `status = 'held'` no longer matches).
   */
  async consume(checkoutId: string, at: Date): Promise<SettleResult> {
    const moved = await this.moveHold(checkoutId, at, { from: 'held', to: 'consumed', held: -1, used: 1 });
    if (moved) return { kind: 'settled', hold: moved };
    const hold = await this.prisma.couponHold.findUnique({ where: { checkoutId } });
    if (!hold) return { kind: 'not_found' };
    return hold.status === 'released' ? { kind: 'released_before', hold: toHold(hold) } : { kind: 'unchanged', hold: toHold(hold) };
  }

  /** held → released, giving the use back; a consumed or released hold is answered as it is. */
  async release(checkoutId: string, at: Date): Promise<SettleResult> {
    return this.settled(checkoutId, await this.moveHold(checkoutId, at, { from: 'held', to: 'released', held: -1, used: 0 }));
  }

  /** consumed → released, giving the use back (the order it was used on was cancelled); once. */
  async restore(checkoutId: string, at: Date): Promise<SettleResult> {
    return this.settled(checkoutId, await this.moveHold(checkoutId, at, { from: 'consumed', to: 'released', held: 0, used: -1 }));
  }

  /**
   * One statement: the checkout's hold moves `from` → `to` (only from that status, so racing
   * settles cannot both count) and its coupon's counters move by `held` and `used`. The moved
   * hold, or null when it was not in `from`.
   */
  private async moveHold(checkoutId: string, at: Date, move: { from: HoldStatus; to: HoldStatus; held: number; used: number }): Promise<CouponHold | null> {
    const moved = await this.prisma.$queryRaw<HoldRow[]>`
      WITH settled AS (
        UPDATE "pricing"."coupon_hold" SET status = ${move.to}::"pricing"."CouponHoldStatus", settled_at = ${at}
        WHERE checkout_id = ${checkoutId}::uuid AND status = ${move.from}::"pricing"."CouponHoldStatus"
        RETURNING checkout_id, code, customer_id, status, expires_at, created_at, settled_at
      ), counted AS (
        UPDATE "pricing"."coupon" c SET held = c.held + ${move.held}::int, used = c.used + ${move.used}::int, updated_at = ${at}
        FROM settled WHERE c.code = settled.code
      )
      SELECT checkout_id AS "checkoutId", code, customer_id AS "customerId", status::text AS status, expires_at AS "expiresAt", created_at AS "createdAt", settled_at AS "settledAt"
      FROM settled`;
    return moved[0] ? toHold(moved[0]) : null;
  }

  /** A settle's answer: the moved hold, else the hold as it is, else not found. */
  private async settled(checkoutId: string, moved: CouponHold | null): Promise<SettleResult> {
    if (moved) return { kind: 'settled', hold: moved };
    const hold = await this.prisma.couponHold.findUnique({ where: { checkoutId } });
    return hold ? { kind: 'unchanged', hold: toHold(hold) } : { kind: 'not_found' };
  }

  /**
   * One statement per batch: the expired held holds are released and each coupon's `held` goes
   * down by how many of its holds were, so a hold consumed meanwhile is never given back.
   */
  async releaseExpired(at: Date, batch: number): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ released: bigint }[]>`
      WITH due AS (
        SELECT checkout_id FROM "pricing"."coupon_hold"
        WHERE status = 'held' AND expires_at <= ${at}
        ORDER BY expires_at LIMIT ${batch}
        FOR UPDATE SKIP LOCKED
      ), settled AS (
        UPDATE "pricing"."coupon_hold" h SET status = 'released', settled_at = ${at}
        FROM due WHERE h.checkout_id = due.checkout_id AND h.status = 'held'
        RETURNING h.code
      ), per_code AS (
        SELECT code, count(*)::int AS n FROM settled GROUP BY code
      ), counted AS (
        UPDATE "pricing"."coupon" c SET held = c.held - per_code.n, updated_at = ${at}
        FROM per_code WHERE c.code = per_code.code
      )
      SELECT count(*) AS released FROM settled`;
    return Number(rows[0]?.released ?? 0);
  }
}

async function lockCoupon(tx: Tx, code: string): Promise<LockedCouponRow | null> {
  const rows = await tx.$queryRaw<LockedCouponRow[]>`
    SELECT code, discount, usage_limit AS "usageLimit", per_customer_limit AS "perCustomerLimit",
           starts_at AS "startsAt", ends_at AS "endsAt", active, used, held
    FROM "pricing"."coupon" WHERE code = ${code} FOR UPDATE`;
  return rows[0] ?? null;
}

function replayOf(existing: HoldRow, request: HoldRequest): HoldResult {
  const same = existing.code === request.code && existing.customerId === request.customerId;
  return same ? { kind: 'replay', hold: toHold(existing) } : { kind: 'checkout_reused', hold: toHold(existing) };
}

function isUniqueViolation(err: unknown): boolean {
  const { code, meta } = (err ?? {}) as { code?: unknown; meta?: { code?: unknown } };
  return code === 'P2002' || code === '23505' || meta?.code === '23505';
}

function toRule(row: LockedCouponRow): CouponRule {
  return {
    code: row.code,
    discount: row.discount as CouponDiscount,
    usageLimit: row.usageLimit,
    perCustomerLimit: row.perCustomerLimit,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    active: row.active,
    used: row.used,
    held: row.held,
  };
}

function toCoupon(row: CouponRow): Coupon {
  return {
    code: row.code,
    discount: row.discount as CouponDiscount,
    usageLimit: row.usageLimit,
    perCustomerLimit: row.perCustomerLimit,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    active: row.active,
    used: row.used,
    held: row.held,
    createdAt: row.createdAt.toISOString(),
  };
}

function toHold(row: Pick<HoldRow, 'checkoutId' | 'code' | 'customerId' | 'status' | 'expiresAt'>): CouponHold {
  return { checkoutId: row.checkoutId, code: row.code, customerId: row.customerId, status: row.status, expiresAt: new Date(row.expiresAt).toISOString() };
}
