import type pg from 'pg';
import { createPgPool, withPgTransaction } from '@shop/persistence/pg';
import type { ReservationStatus, StockLedgerEntry } from '@shop/contracts';
import type { BatchDelta } from '../domain/batch-delta.js';
import type { HeaderRecord, HoldRecord, ItemQuantity, SnapshotData } from '../domain/partition-snapshot.js';
import { batchStatement, type ChainLink, type LeaseClaim } from './batch-statement.js';
import { refusalOf } from './batch-errors.js';

export interface PartitionStoreOptions {
  databaseUrl: string;
  /** Connections: partitions commit concurrently, a few connections keep Postgres busy enough. */
  poolMax: number;
  /** How long a lease lasts without a renewal (ms). */
  leaseTtlMs: number;
  applicationName?: string;
  /**
   * A statement unanswered this long fails (default: the pool's): a commit on a link gone silent
   * fails its batch (503) instead of holding the partition, and with it an actor's stop.
   */
  queryTimeoutMs?: number;
  /** Told when a connection drops (idle or held by a batch session); the store recovers by itself. */
  onConnectionError?: (error: Error) => void;
}

export interface BatchSession {
  /** `after`: a row of the batch sent just before, still in flight (see batchStatement). */
  commit(lease: LeaseClaim, delta: BatchDelta, after?: ChainLink): Promise<void>;
  end(broken: boolean): void;
}

export interface StockRow {
  sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  updatedAt: Date;
}

export interface StockPageFilter {
  /** Upper-case part of a SKU. */
  contains?: string;
  available: { min: number | null; max: number | null };
}

export interface LeaseState {
  owner: string;
  token: number;
  expiresAt: Date;
}

/**
 * The engine's database access, in plain SQL on node-postgres: one batch statement per commit
 * (prepared once per connection), the partition snapshot load, and partition leases.
 */
export class PartitionStore {
  readonly pool: pg.Pool;
  readonly leaseTtlMs: number;

  constructor(options: PartitionStoreOptions) {
    // A connection that dies is replaced on next use; a query on it fails (503) and a batch
    // session holding it ends as broken. createPgPool keeps the process alive meanwhile.
    this.pool = createPgPool({
      connectionString: options.databaseUrl,
      max: options.poolMax,
      application_name: options.applicationName ?? 'inventory',
      connectionTimeoutMillis: 5_000,
      query_timeout: options.queryTimeoutMs,
      onConnectionError: options.onConnectionError,
    });
    this.leaseTtlMs = options.leaseTtlMs;
  }

  /** Writes a batch in one statement; throws FencedError / DivergedError / KeyConflictError when refused. */
  async commitBatch(lease: LeaseClaim, delta: BatchDelta): Promise<void> {
    const statement = batchStatement(lease, this.leaseTtlMs, delta);
    try {
      await this.pool.query({ name: statement.name, text: statement.text, values: statement.values });
    } catch (err) {
      throw refusalOf(lease.partition, err) ?? err;
    }
  }

  /**
   * One connection for a run of batches: statements sent on it execute in the order sent, so a
   * partition can send its next batch before the previous one answered. `end(broken)` gives the
   * connection back (or discards it when it failed).
   */
  async session(): Promise<BatchSession> {
    const client = await this.pool.connect();
    return {
      commit: async (lease, delta, after) => {
        const statement = batchStatement(lease, this.leaseTtlMs, delta, after);
        try {
          await client.query({ name: statement.name, text: statement.text, values: statement.values });
        } catch (err) {
          throw refusalOf(lease.partition, err) ?? err;
        }
      },
      end: (broken) => client.release(broken ? new Error('batch session failed') : undefined),
    };
  }

  /**
   * Takes the partition's lease when it is free (expired or released) or already ours; every
   * acquisition bumps the fencing token, so anything still writing under an older token fails.
   */
  async acquireLease(partition: number, owner: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ token: string }>(
      `INSERT INTO inventory.partition_lease AS l (partition, owner, token, expires_at)
       VALUES ($1, $2, 1, now() + $3::int * interval '1 millisecond')
       ON CONFLICT (partition) DO UPDATE SET owner = EXCLUDED.owner, token = l.token + 1, expires_at = EXCLUDED.expires_at
       WHERE l.expires_at <= now() OR l.owner = EXCLUDED.owner
       RETURNING token`,
      [partition, owner, this.leaseTtlMs],
    );
    return rows[0] ? Number(rows[0].token) : undefined;
  }

  /** Extends the leases still held under these tokens; returns the partitions renewed. */
  async renewLeases(owner: string, leases: readonly { partition: number; token: number }[]): Promise<Set<number>> {
    if (leases.length === 0) return new Set();
    const { rows } = await this.pool.query<{ partition: number }>(
      `UPDATE inventory.partition_lease l SET expires_at = now() + $2::int * interval '1 millisecond'
       FROM unnest($3::int[], $4::bigint[]) AS t(partition, token)
       WHERE l.partition = t.partition AND l.token = t.token AND l.owner = $1
       RETURNING l.partition`,
      [owner, this.leaseTtlMs, leases.map((l) => l.partition), leases.map((l) => l.token)],
    );
    return new Set(rows.map((r) => r.partition));
  }

  /**
   * Gives the lease up at once (handover), if it is still ours. A millisecond back: expires_at is
   * stored rounded to the millisecond, and now() rounded up could still be ahead of the next
   * taker's now(), which would then find the lease held.
   */
  async releaseLease(partition: number, owner: string, token: number): Promise<void> {
    await this.pool.query(
      `UPDATE inventory.partition_lease SET expires_at = now() - interval '1 millisecond' WHERE partition = $1 AND owner = $2 AND token = $3`,
      [partition, owner, token],
    );
  }

  async lease(partition: number): Promise<LeaseState | undefined> {
    const { rows } = await this.pool.query<{ owner: string; token: string; expires_at: Date }>(
      `SELECT owner, token, expires_at FROM inventory.partition_lease WHERE partition = $1`,
      [partition],
    );
    const row = rows[0];
    return row ? { owner: row.owner, token: Number(row.token), expiresAt: row.expires_at } : undefined;
  }

  /**
   * Everything the partition's actor keeps in memory, read in one consistent (repeatable read)
   * transaction: stock, holds in force, reservations it coordinates (held ones, and finished ones
   * created after `keysSince` for idempotent replays), sale limits and their usage.
   */
  async loadSnapshot(partition: number, keysSince: number): Promise<SnapshotData> {
    return withPgTransaction(this.pool, async (client) => {
      const stock = await client.query<{ sku: string; on_hand: number; reserved: number; committed: number; version: string }>(
        'SELECT sku, on_hand, reserved, committed, version FROM inventory.stock WHERE partition = $1',
        [partition],
      );
      const items = await client.query<ItemRow>(
        `SELECT reservation_id, sku, quantity, customer_id, COALESCE(limit_keys, '{}') AS limit_keys, expires_at, created_at FROM inventory.reservation_item
         WHERE partition = $1 AND status = 'held' ORDER BY reservation_id, sku`,
        [partition],
      );
      const recent = await client.query<HeaderRow>(
        `${HEADER_COLUMNS} WHERE partition = $1 AND created_at > to_timestamp($2 / 1000.0)`,
        [partition, keysSince],
      );
      const holds = holdsOf(items.rows);
      const headers = recent.rows.map(headerOf);
      // Held reservations older than the key window (an instance down for long): fetch by id.
      const known = new Set(headers.map((h) => h.reservationId));
      const missing = holds.map((h) => h.reservationId).filter((id) => !known.has(id));
      if (missing.length > 0) {
        const old = await client.query<HeaderRow>(`${HEADER_COLUMNS} WHERE id = ANY($1::text[]) AND partition = $2`, [missing, partition]);
        headers.push(...old.rows.map(headerOf));
      }
      const limits = await client.query<{ sku: string; per_customer: number; units: number | null; starts_at: Date | null; ends_at: Date | null; counts_from: Date | null }>(
        `SELECT l.sku, l.per_customer, l.units, l.starts_at, l.ends_at, l.counts_from FROM inventory.sale_limit l
         JOIN inventory.stock s ON s.sku = l.sku WHERE s.partition = $1`,
        [partition],
      );
      const usage = await client.query<{ sku: string; customer_id: string; units: number }>(
        `SELECT i.sku, who AS customer_id, sum(i.quantity)::int AS units FROM inventory.reservation_item i
         JOIN inventory.sale_limit l ON l.sku = i.sku
         -- every identity the limit counts: the customer, then the item's limit keys (address, card)
         CROSS JOIN LATERAL unnest(array_remove(ARRAY[i.customer_id], NULL) || COALESCE(i.limit_keys, '{}')) AS who
         WHERE i.partition = $1 AND i.status IN ('held', 'committed') AND ${COUNTS_TOWARD_LIMIT}
         GROUP BY i.sku, who`,
        [partition],
      );
      // The allocation's use: the same items, whoever holds them (anonymous holds of a trusted service too).
      const taken = await client.query<{ sku: string; units: number }>(
        `SELECT i.sku, sum(i.quantity)::int AS units FROM inventory.reservation_item i
         JOIN inventory.sale_limit l ON l.sku = i.sku
         WHERE i.partition = $1 AND i.status IN ('held', 'committed') AND ${COUNTS_TOWARD_LIMIT}
         GROUP BY i.sku`,
        [partition],
      );
      const unpurchasable = await client.query<{ sku: string }>(
        `SELECT sku FROM inventory.sku_status WHERE partition = $1 AND status <> 'active'`,
        [partition],
      );
      const restocks = await client.query<{ key: string }>('SELECT key FROM inventory.restock WHERE partition = $1', [partition]);
      return {
        restockKeys: restocks.rows.map((r) => r.key),
        unpurchasable: unpurchasable.rows.map((r) => r.sku),
        stock: stock.rows.map((r) => ({ sku: r.sku, onHand: r.on_hand, reserved: r.reserved, committed: r.committed, version: Number(r.version) })),
        holds,
        headers,
        limits: limits.rows.map((r) => ({
          sku: r.sku,
          perCustomer: r.per_customer,
          units: r.units,
          startsAt: r.starts_at?.getTime() ?? null,
          endsAt: r.ends_at?.getTime() ?? null,
          countsFrom: r.counts_from?.getTime() ?? null,
        })),
        usage: usage.rows.map((r) => ({ sku: r.sku, customerId: r.customer_id, units: r.units })),
        taken: taken.rows.map((r) => ({ sku: r.sku, units: r.units })),
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /**
   * Records the status of a product's SKUs unless a newer product version is already recorded;
   * answers the SKUs whose row changed.
   */
  async recordProductStatus(productId: string, status: string, version: number, skus: readonly { sku: string; partition: number }[]): Promise<string[]> {
    const { rows } = await this.pool.query<{ sku: string }>(
      `INSERT INTO inventory.sku_status (sku, status, product_id, partition, product_version)
       SELECT s.sku, $1, $2, s.partition, $3 FROM unnest($4::text[], $5::int[]) AS s(sku, partition)
       ON CONFLICT (sku) DO UPDATE SET status = EXCLUDED.status, product_id = EXCLUDED.product_id,
         product_version = EXCLUDED.product_version, updated_at = now()
       WHERE inventory.sku_status.product_version < EXCLUDED.product_version OR inventory.sku_status.product_id <> EXCLUDED.product_id
       RETURNING sku`,
      [status, productId, version, skus.map((s) => s.sku), skus.map((s) => s.partition)],
    );
    return rows.map((r) => r.sku);
  }

  /** Reservations with these idempotency keys, wherever they were made (after a key conflict). */
  async reservationsByKeys(keys: readonly string[]): Promise<HeaderRecord[]> {
    const { rows } = await this.pool.query<HeaderRow>(`${HEADER_COLUMNS} WHERE idempotency_key = ANY($1::text[])`, [keys]);
    return rows.map(headerOf);
  }

  /** A reservation's record as the database has it (for ids no snapshot knows). */
  async reservation(id: string): Promise<HeaderRecord | undefined> {
    const { rows } = await this.pool.query<HeaderRow>(`${HEADER_COLUMNS} WHERE id = $1`, [id]);
    return rows[0] ? headerOf(rows[0]) : undefined;
  }

  async stockLevel(sku: string): Promise<{ sku: string; onHand: number; reserved: number; committed: number } | undefined> {
    const { rows } = await this.pool.query<{ sku: string; on_hand: number; reserved: number; committed: number }>(
      'SELECT sku, on_hand, reserved, committed FROM inventory.stock WHERE sku = $1',
      [sku],
    );
    const r = rows[0];
    return r ? { sku: r.sku, onHand: r.on_hand, reserved: r.reserved, committed: r.committed } : undefined;
  }

  /** The stock rows of these SKUs (committed state) with their stock version; SKUs without a row are left out. */
  async stockLevels(skus: readonly string[]): Promise<Array<{ sku: string; onHand: number; reserved: number; committed: number; version: number }>> {
    const { rows } = await this.pool.query<{ sku: string; on_hand: number; reserved: number; committed: number; version: string }>(
      'SELECT sku, on_hand, reserved, committed, version FROM inventory.stock WHERE sku = ANY($1::text[])',
      [skus],
    );
    return rows.map((r) => ({ sku: r.sku, onHand: r.on_hand, reserved: r.reserved, committed: r.committed, version: Number(r.version) }));
  }

  /**
   * A page of stock rows in SKU order after `after` (keyset: an index range scan at any depth),
   * keeping SKUs that contain `contains` and whose available count is within `available`, with
   * how many rows match in all.
   */
  async stockPage(filter: StockPageFilter, after: string | undefined, limit: number): Promise<{ rows: StockRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // SKUs are upper-case letters, digits and hyphens (the contract): no LIKE wildcard to escape.
    if (filter.contains !== undefined) where.push(`sku LIKE ${param(`%${filter.contains}%`)}`);
    const available = 'on_hand - reserved - committed';
    if (filter.available.min !== null) where.push(`${available} >= ${param(filter.available.min)}`);
    if (filter.available.max !== null) where.push(`${available} <= ${param(filter.available.max)}`);
    const matching = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const pageWhere = after === undefined ? matching : `${matching ? `${matching} AND` : 'WHERE'} sku > ${param(after)}`;
    const [page, count] = await Promise.all([
      this.pool.query<{ sku: string; on_hand: number; reserved: number; committed: number; updated_at: Date }>(
        `SELECT sku, on_hand, reserved, committed, updated_at FROM inventory.stock ${pageWhere} ORDER BY sku LIMIT ${param(limit)}`,
        params,
      ),
      this.pool.query<{ total: string }>(`SELECT count(*) AS total FROM inventory.stock ${matching}`, countParams),
    ]);
    return {
      rows: page.rows.map((r) => ({ sku: r.sku, onHand: r.on_hand, reserved: r.reserved, committed: r.committed, updatedAt: r.updated_at })),
      total: Number(count.rows[0]?.total ?? 0),
    };
  }

  async ledger(sku: string, limit: number): Promise<StockLedgerEntry[]> {
    const { rows } = await this.pool.query<{ id: string; sku: string; delta: number; on_hand_after: number; kind: 'set' | 'adjust'; reason: string | null; created_at: Date }>(
      'SELECT id, sku, delta, on_hand_after, kind, reason, created_at FROM inventory.stock_ledger WHERE sku = $1 ORDER BY id DESC LIMIT $2',
      [sku, limit],
    );
    return rows.map((r) => ({ id: String(r.id), sku: r.sku, delta: r.delta, onHandAfter: r.on_hand_after, kind: r.kind, reason: r.reason, createdAt: r.created_at.toISOString() }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Item `i` counts toward sale limit `l` (the domain's `countsTowardLimit`, in SQL): made before the
 * window closed, and in force after the limit counts from — holds made before the window opens count in it.
 */
const COUNTS_TOWARD_LIMIT = `(l.ends_at IS NULL OR i.created_at < l.ends_at) AND (l.counts_from IS NULL OR i.expires_at > l.counts_from)`;

const HEADER_COLUMNS = `SELECT id, idempotency_key, request_hash, customer_id, status, partition, participants, items, expires_at, created_at
  FROM inventory.reservation`;

interface HeaderRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  customer_id: string | null;
  status: ReservationStatus;
  partition: number;
  participants: number[] | null;
  items: ItemQuantity[];
  expires_at: Date;
  created_at: Date;
}

interface ItemRow {
  reservation_id: string;
  sku: string;
  quantity: number;
  customer_id: string | null;
  limit_keys: string[];
  expires_at: Date;
  created_at: Date;
}

function headerOf(r: HeaderRow): HeaderRecord {
  return {
    reservationId: r.id,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    customerId: r.customer_id,
    status: r.status,
    items: r.items,
    participants: r.participants ?? [],
    expiresAt: r.expires_at.getTime(),
    createdAt: r.created_at.getTime(),
  };
}

function holdsOf(rows: readonly ItemRow[]): HoldRecord[] {
  const holds: HoldRecord[] = [];
  let current:
    | { reservationId: string; items: ItemQuantity[]; customerId: string | null; limitKeys: string[]; expiresAt: number; createdAt: number }
    | undefined;
  for (const r of rows) {
    if (current?.reservationId !== r.reservation_id) {
      current = {
        reservationId: r.reservation_id,
        items: [],
        customerId: r.customer_id,
        limitKeys: r.limit_keys,
        expiresAt: r.expires_at.getTime(),
        createdAt: r.created_at.getTime(),
      };
      holds.push(current);
    }
    current.items.push({ sku: r.sku, quantity: r.quantity });
  }
  return holds;
}
