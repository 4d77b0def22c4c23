import pg from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '@shop/observability';
import { isDatabaseUnavailableError } from '../database-errors.js';
import { createPgPool, type PgPoolOptions } from '../pg-pool.js';
import { createPrismaClient } from '../prisma-client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import {
  fenceAfterProbe,
  LagTracker,
  parseLsn,
  readTargetOf,
  rotationOf,
  type ReadTarget,
  type ReplicaHealth,
  type Rotation,
  type RotationPolicy,
  type WriteFence,
} from './replica-rotation.js';

const REPLICA_CONNECT_TIMEOUT_MS = 1_000;
const REPLICA_QUERY_TIMEOUT_MS = 5_000;

export interface ReadReplicaOptions {
  primaryUrl: string;
  replicaUrl: string;
  /** Taken out of rotation above this lag (seconds). */
  maxLagSeconds: number;
  /** How often the lag is measured (default 1 s). */
  probeIntervalMs?: number;
  /** Shown in pg_stat_activity on both servers. */
  applicationName: string;
  logger: Logger;
  /** Injectable for tests; `{ now(): Date }` like contracts' Clock. */
  clock?: { now(): Date };
}

/**
 * Where reads of one kind go: `read` runs on the replica or the primary (the same query against
 * either), `afterWrite` is called once a write committed so this service reads its own writes.
 */
export interface ReadRouting<C> {
  read<T>(query: (source: C) => Promise<T>): Promise<T>;
  afterWrite(): Promise<void>;
}

/** Reads of a service without a replica: all on the primary. */
export function primaryReads<C>(primary: C): ReadRouting<C> {
  return { read: (query) => query(primary), afterWrite: async () => undefined };
}

/**
 * A streaming read replica of the service's database: a Prisma client on it, a probe that
 * measures its lag against the primary every second, and the routing of reads (`routing`).
 * A replica that lags more than allowed, stops answering, or fails a read is out of rotation:
 * its reads run on the primary (a failed one is retried there), so callers never see its errors.
 */
export class ReadReplica {
  private replicaPrisma?: PrismaClient;
  private readonly primaryProbe: pg.Pool;
  private readonly replicaProbe: pg.Pool;
  private readonly lag = new LagTracker();
  private readonly policy: RotationPolicy;
  private readonly probeIntervalMs: number;
  private readonly now: () => number;
  private health: ReplicaHealth = { kind: 'not-probed' };
  private fence: WriteFence = { kind: 'none' };
  private lastRotation: Rotation = { inRotation: false, reason: 'not-probed' };
  private timer?: NodeJS.Timeout;
  private probing?: Promise<void>;
  private stopped = false;
  private reads?: Counter<'target'>;

  constructor(private readonly options: ReadReplicaOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? 1_000;
    this.policy = { maxLagSeconds: options.maxLagSeconds, probeStaleAfterMs: Math.max(3 * this.probeIntervalMs, 3_000) };
    const clock = options.clock ?? { now: () => new Date() };
    this.now = () => clock.now().getTime();
    // Short timeouts: a replica that hangs must fall out of rotation fast, not stall shoppers.
    const quiet = () => undefined; // a dropped link shows as a failed probe or read
    const probePool = (connectionString: string) =>
      createPgPool({ connectionString, max: 1, connectionTimeoutMillis: 1_000, query_timeout: 2_000, application_name: `${options.applicationName}-replica-probe`, onConnectionError: quiet });
    this.primaryProbe = probePool(options.primaryUrl);
    this.replicaProbe = probePool(options.replicaUrl);
  }

  /**
   * A Prisma client on the replica (read-only), made on first use. A replica host gone without a
   * word (no reset) would hold a read until TCP gives up: the client-side timeout fails it, and
   * the read is retried on the primary. Services on plain pg build their pool with
   * `replicaPoolOptions` for the same reason.
   */
  get prisma(): PrismaClient {
    this.replicaPrisma ??= createPrismaClient({
      databaseUrl: this.options.replicaUrl,
      applicationName: `${this.options.applicationName}-replica`,
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
      queryTimeoutMillis: REPLICA_QUERY_TIMEOUT_MS,
      onConnectionError: () => undefined,
    });
    return this.replicaPrisma;
  }

  /** Options of a pg pool on the replica with the same short timeouts as `prisma`. */
  replicaPoolOptions(): PgPoolOptions {
    return {
      connectionString: this.options.replicaUrl,
      application_name: `${this.options.applicationName}-replica`,
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
      query_timeout: REPLICA_QUERY_TIMEOUT_MS,
      onConnectionError: () => undefined,
    };
  }

  /** Starts measuring; reads stay on the primary until the first measurement. */
  start(): void {
    const loop = () => {
      this.probing = this.probe().finally(() => {
        this.probing = undefined;
        if (!this.stopped) this.timer = setTimeout(loop, this.probeIntervalMs).unref();
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.probing;
    await Promise.all([this.primaryProbe.end(), this.replicaProbe.end(), this.replicaPrisma?.$disconnect()]);
  }

  /** Routes reads between `primary` and `replica`, two views of the same data (e.g. repositories on each client). */
  routing<C>(primary: C, replica: C): ReadRouting<C> {
    return {
      read: (query) => this.read(primary, replica, query),
      afterWrite: () => this.afterWrite(),
    };
  }

  rotation(): Rotation {
    return rotationOf(this.health, this.now(), this.policy);
  }

  /** Counts reads by where they ran, and exports the lag and rotation, in the service's registry. */
  registerMetrics(registry: Registry): void {
    const lagSeconds: Gauge = new Gauge({
      name: 'db_replica_lag_seconds',
      help: 'How long the read replica has been missing WAL the primary had written (0: caught up), at the last probe',
      registers: [registry],
      collect: () => {
        if (this.health.kind === 'measured') lagSeconds.set(this.health.lag.seconds);
      },
    });
    const lagBytes: Gauge = new Gauge({
      name: 'db_replica_lag_bytes',
      help: 'WAL bytes written on the primary and not yet replayed by the read replica, at the last probe',
      registers: [registry],
      collect: () => {
        if (this.health.kind === 'measured') lagBytes.set(Number(this.health.lag.bytes));
      },
    });
    const inRotation: Gauge = new Gauge({
      name: 'db_replica_in_rotation',
      help: 'Whether reads go to the read replica (1) or all to the primary (0: lagging, unreachable or not probed)',
      registers: [registry],
      collect: () => {
        inRotation.set(this.rotation().inRotation ? 1 : 0);
      },
    });
    this.reads = new Counter({
      name: 'db_replica_routed_reads_total',
      help: 'Reads that could use the replica, by where they ran (primary_fallback: failed on the replica, retried on the primary)',
      labelNames: ['target'],
      registers: [registry],
    });
  }

  private async read<C, T>(primary: C, replica: C, query: (source: C) => Promise<T>): Promise<T> {
    if (this.target() === 'replica') {
      try {
        const result = await query(replica);
        this.reads?.inc({ target: 'replica' });
        return result;
      } catch (err) {
        // The caller's own answers (not found, a bad cursor) stand; what failed in the database
        // there (a dropped link, a query cancelled by replay) is retried on the primary.
        if (!isDatabaseError(err)) throw err;
        if (isDatabaseUnavailableError(err)) this.markUnreachable(err);
        this.reads?.inc({ target: 'primary_fallback' });
        return query(primary);
      }
    }
    this.reads?.inc({ target: 'primary' });
    return query(primary);
  }

  private target(): ReadTarget {
    return readTargetOf(this.health, this.fence, this.now(), this.policy);
  }

  /** After a write: reads wait for the replica to replay the primary's position from now on. */
  private async afterWrite(): Promise<void> {
    const since = this.now();
    try {
      const lsn = parseLsn(await this.primaryLsn());
      if (this.fence.kind === 'none' || (this.fence.kind === 'at' && this.fence.lsn < lsn)) this.fence = { kind: 'at', lsn };
    } catch {
      // The write committed; until a probe reads the primary's position again, read from the primary.
      this.fence = { kind: 'unknown', since };
    }
  }

  private async probe(): Promise<void> {
    const at = this.now();
    let primaryLsn: bigint;
    try {
      primaryLsn = parseLsn(await this.primaryLsn());
    } catch (err) {
      // Without the primary's position the lag is unknown; the measurement goes stale and out of rotation.
      this.options.logger.debug({ err: String(err) }, 'replica probe: primary position unavailable');
      return;
    }
    try {
      const { rows } = await this.replicaProbe.query<{ standby: boolean; replay: string | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay',
      );
      const row = rows[0];
      if (!row?.standby || row.replay === null) {
        this.health = { kind: 'not-a-replica', at };
      } else {
        const sample = { at, primaryLsn, replayLsn: parseLsn(row.replay) };
        this.health = { kind: 'measured', at, lag: this.lag.record(sample), replayLsn: sample.replayLsn };
        this.fence = fenceAfterProbe(this.fence, sample);
      }
    } catch (err) {
      this.markUnreachable(err);
    }
    this.logRotationChange();
  }

  private async primaryLsn(): Promise<string> {
    const { rows } = await this.primaryProbe.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return rows[0].lsn;
  }

  private markUnreachable(err: unknown): void {
    this.health = { kind: 'unreachable', at: this.now(), error: String(err) };
    this.logRotationChange();
  }

  private logRotationChange(): void {
    const rotation = this.rotation();
    if (rotation.inRotation === this.lastRotation.inRotation) return;
    this.lastRotation = rotation;
    if (rotation.inRotation) this.options.logger.info('read replica back in rotation');
    else this.options.logger.warn({ reason: rotation.reason, ...(this.health.kind === 'unreachable' ? { err: this.health.error } : {}) }, 'read replica out of rotation: reads go to the primary');
  }
}

/** An error raised by the database or its driver (as opposed to one of the caller's own). */
function isDatabaseError(err: unknown): boolean {
  if (isDatabaseUnavailableError(err) || err instanceof pg.DatabaseError) return true;
  const name = err instanceof Error ? err.name : '';
  return name.startsWith('PrismaClient') || name === 'DriverAdapterError';
}
