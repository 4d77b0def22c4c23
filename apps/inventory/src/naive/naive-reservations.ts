import type pg from 'pg';
import { createPgPool } from '@shop/persistence/pg';
import { ReservationReservedV1, type Clock, type CreateReservationBody, type Reservation } from '@shop/contracts';
import { mintReservationId, partitionOf } from '@shop/partitioning';
import { failed, failures, ok, type Answer } from '../application/failures.js';
import { requestHash } from '../application/request-hash.js';
import { envelopeOf, INVENTORY_SOURCE, INVENTORY_STREAM } from '../messaging/inventory-envelopes.js';

/**
 * THE BENCHMARK'S BASELINE, not part of the engine: the textbook way to reserve stock — one
 * transaction per request that locks the SKU rows (SELECT … FOR UPDATE), checks, updates and
 * inserts (reservation, items, outbox event). Same tables, same idempotency semantics, same HTTP
 * stack; only served when INVENTORY_NAIVE_BASELINE=true. It bypasses the partition actors, so
 * never point it at SKUs the engine is serving at the same time (the engine would notice the
 * changed rows, reload and carry on, but the comparison would be meaningless).
 */
export class NaiveReservations {
  readonly pool: pg.Pool;

  constructor(
    databaseUrl: string,
    poolMax: number,
    private readonly partitions: number,
    private readonly clock: Clock,
    private readonly defaultTtlSeconds: number,
  ) {
    this.pool = createPgPool({ connectionString: databaseUrl, max: poolMax, application_name: 'inventory-naive' });
  }

  async reserve(body: CreateReservationBody, key: string): Promise<Answer<Reservation>> {
    const hash = requestHash(body);
    const client = await this.pool.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query('BEGIN');
        try {
          const answer = await this.reserveIn(client, body, key, hash);
          await client.query(answer.ok === true && !answer.replayed ? 'COMMIT' : 'ROLLBACK');
          return answer;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          // Two first tries of one key raced: the loser finds the winner's row on the next attempt.
          if ((err as { code?: string }).code === '23505' && attempt < 3) continue;
          throw err;
        }
      }
    } finally {
      client.release();
    }
  }

  private async reserveIn(client: pg.PoolClient, body: CreateReservationBody, key: string, hash: string): Promise<Answer<Reservation>> {
    const existing = await client.query<{ id: string; request_hash: string; items: Reservation['items']; expires_at: Date }>(
      'SELECT id, request_hash, items, expires_at FROM inventory.reservation WHERE idempotency_key = $1',
      [key],
    );
    const found = existing.rows[0];
    if (found) {
      if (found.request_hash !== hash) return failed(failures.keyReused());
      return ok({ reservationId: found.id, items: found.items, expiresAt: found.expires_at.toISOString() }, true);
    }
    const skus = body.items.map((i) => i.sku).sort();
    const locked = await client.query<{ sku: string; on_hand: number; reserved: number; committed: number }>(
      'SELECT sku, on_hand, reserved, committed FROM inventory.stock WHERE sku = ANY($1::text[]) ORDER BY sku FOR UPDATE',
      [skus],
    );
    const rows = new Map(locked.rows.map((r) => [r.sku, r]));
    const unknown = body.items.filter((i) => !rows.has(i.sku)).map((i) => i.sku);
    if (unknown.length > 0) return failed(failures.unknownSkus(unknown));
    const short = body.items.filter((i) => {
      const r = rows.get(i.sku)!;
      return r.on_hand - r.reserved - r.committed < i.quantity;
    });
    if (short.length > 0) return failed(failures.outOfStock(short.map((i) => i.sku)));

    const now = this.clock.now().getTime();
    const expiresAt = now + (body.ttlSeconds ?? this.defaultTtlSeconds) * 1000;
    const partition = partitionOf(body.items[0]!.sku, this.partitions);
    const id = mintReservationId(partition);
    const customerId = body.customerId ?? null;
    await client.query(
      `UPDATE inventory.stock s SET reserved = s.reserved + d.quantity, version = s.version + 1, updated_at = now()
       FROM unnest($1::text[], $2::int[]) AS d(sku, quantity) WHERE s.sku = d.sku`,
      [body.items.map((i) => i.sku), body.items.map((i) => i.quantity)],
    );
    await client.query(
      `INSERT INTO inventory.reservation (id, idempotency_key, request_hash, customer_id, status, partition, participants, items, expires_at, created_at)
       VALUES ($1, $2, $3, $4, 'held', $5, '{}', $6::jsonb, to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0))`,
      [id, key, hash, customerId, partition, JSON.stringify(body.items), expiresAt, now],
    );
    await client.query(
      `INSERT INTO inventory.reservation_item (reservation_id, sku, partition, quantity, customer_id, status, expires_at, created_at)
       SELECT $1, d.sku, d.partition, d.quantity, $2, 'held', to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0)
       FROM unnest($5::text[], $6::int[], $7::int[]) AS d(sku, partition, quantity)`,
      [id, customerId, expiresAt, now, body.items.map((i) => i.sku), body.items.map((i) => partitionOf(i.sku, this.partitions)), body.items.map((i) => i.quantity)],
    );
    const envelope = envelopeOf({
      type: ReservationReservedV1.type,
      aggregateId: id,
      version: 1,
      payload: { reservationId: id, items: body.items, customerId, expiresAt: new Date(expiresAt).toISOString() },
      occurredAt: now,
    });
    await client.query(
      `INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [envelope.eventId, INVENTORY_SOURCE, INVENTORY_STREAM, envelope.eventType, id, JSON.stringify(envelope)],
    );
    return ok({ reservationId: id, items: body.items, expiresAt: new Date(expiresAt).toISOString() });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
