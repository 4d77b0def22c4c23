import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The engine's domain metrics (RED metrics per route come from service-kit). */
export interface InventoryMetrics {
  batchSize: Histogram;
  commitSeconds: Histogram;
  conflicts: Counter<'reason'>;
  retries: Counter;
  refusals: Counter<'reason'>;
  /** Counts one refused reservation request by failure code (see `refusedCounter`). */
  reservationRefused(code: string): void;
  forwarded: Counter;
  mailboxDepth: Gauge<'stat'>;
  partitionsOwned: Gauge;
}

export function createInventoryMetrics(registry: Registry, source: { mailboxDepths(): number[]; partitionsReady(): number }): InventoryMetrics {
  return {
    reservationRefused: refusedCounter(registry),
    batchSize: new Histogram({
      name: 'inventory_batch_size',
      help: 'Commands decided and committed per batch (one transaction)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'inventory_batch_commit_seconds',
      help: 'Latency of one batch commit (one statement)',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    conflicts: new Counter({
      name: 'inventory_batch_conflicts_total',
      help: 'Batches the database refused: fenced (stale lease), diverged (snapshot mismatch), key (idempotency key used elsewhere)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    retries: new Counter({ name: 'inventory_batch_retries_total', help: 'Batches decided again after a refusal', registers: [registry] }),
    refusals: new Counter({
      name: 'inventory_refusals_total',
      help: 'Requests refused before deciding: overloaded (mailbox full), unavailable (partition not ready or moving)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    forwarded: new Counter({
      name: 'inventory_forwarded_total',
      help: 'Requests this instance forwarded to the owner of their partition (routing was stale or absent)',
      registers: [registry],
    }),
    mailboxDepth: new Gauge({
      name: 'inventory_mailbox_depth',
      help: 'Commands waiting in partition mailboxes (total and deepest)',
      labelNames: ['stat'],
      registers: [registry],
      collect() {
        const depths = source.mailboxDepths();
        this.set({ stat: 'total' }, depths.reduce((a, b) => a + b, 0));
        this.set({ stat: 'max' }, depths.reduce((a, b) => Math.max(a, b), 0));
      },
    }),
    partitionsOwned: new Gauge({
      name: 'inventory_partitions_ready',
      help: 'Partitions this instance holds the lease of and serves',
      registers: [registry],
      collect() {
        this.set(source.partitionsReady());
      },
    }),
  };
}

/**
 * `inventory_reservations_refused_total` by code. A sold-out flash sale refuses most of its
 * requests: each refusal adds to a plain per-code tally, folded into the counter when it is
 * scraped, so the hot path builds and hashes no label object per request.
 */
function refusedCounter(registry: Registry): (code: string) => void {
  const pending = new Map<string, number>();
  new Counter({
    name: 'inventory_reservations_refused_total',
    help: 'Reservation requests refused, by failure code (OUT_OF_STOCK, LIMIT_EXCEEDED, OVERLOADED, ...): the live dashboard reads it',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      for (const [code, count] of pending) this.inc({ code }, count);
      pending.clear();
    },
  });
  return (code) => pending.set(code, (pending.get(code) ?? 0) + 1);
}
