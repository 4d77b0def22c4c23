import type { BatchDelta } from '../domain/batch-delta.js';
import { envelopeOf, INVENTORY_SOURCE, INVENTORY_STREAM } from '../messaging/inventory-envelopes.js';

export interface LeaseClaim {
  partition: number;
  owner: string;
  token: number;
}

export interface BatchStatement {
  /** Name of the prepared statement: one per combination of parts, so each is planned once per connection. */
  name: string;
  text: string;
  values: unknown[];
}

const LEASED = 'EXISTS (SELECT 1 FROM lease)';

/**
 * ONE statement that writes a whole batch: renews the partition lease (owner + fencing token),
 * and, only if that succeeded, writes every part of the delta with one multi-row statement per
 * table (the rows travel as one JSON parameter each, expanded by json_to_recordset: one native
 * JSON.stringify instead of escaping array literals value by value), outbox rows included. Its last expression aborts the whole statement
 * when the lease was not ours (IV001) or a conditional update touched fewer rows than the
 * snapshot expected (IV002); the CHECK constraints stand behind both. Parts with no rows are left
 * out, so a plain reservation batch is five small inserts/updates in one round trip.
 */
/** A row the batch sent before this one inserted: this one may only commit after that one did. */
export interface ChainLink {
  reservationId: string;
  sku: string;
}

export function batchStatement(lease: LeaseClaim, leaseTtlMs: number, delta: BatchDelta, after?: ChainLink): BatchStatement {
  const values: unknown[] = [lease.partition, lease.owner, lease.token, leaseTtlMs];
  const param = (value: unknown, type: string): string => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const ctes: string[] = [
    `lease AS (UPDATE inventory.partition_lease SET expires_at = now() + $4::int * interval '1 millisecond'
      WHERE partition = $1::int AND owner = $2::text AND token = $3::bigint RETURNING 1)`,
  ];
  const checks: string[] = [];
  let shape = '';

  const rows = (list: readonly object[]): string => param(JSON.stringify(list), 'json');

  const updates = delta.stock.filter((s) => s.expectedVersion !== undefined);
  const inserts = delta.stock.filter((s) => s.expectedVersion === undefined);
  if (updates.length > 0) {
    shape += 'u';
    ctes.push(`stock_up AS (UPDATE inventory.stock s
      SET on_hand = d."onHand", reserved = d.reserved, committed = d.committed, version = d.version, updated_at = now()
      FROM json_to_recordset(${rows(updates)}) AS d(sku text, "onHand" int, reserved int, committed int, version bigint, "expectedVersion" bigint)
      WHERE s.sku = d.sku AND s.partition = $1::int AND s.version = d."expectedVersion" AND ${LEASED} RETURNING 1)`);
    checks.push(`(SELECT count(*) FROM stock_up) = ${param(updates.length, 'bigint')}`);
  }
  if (inserts.length > 0) {
    shape += 's';
    ctes.push(`stock_new AS (INSERT INTO inventory.stock (sku, partition, on_hand, reserved, committed, version)
      SELECT d.sku, $1::int, d."onHand", d.reserved, d.committed, d.version
      FROM json_to_recordset(${rows(inserts)}) AS d(sku text, "onHand" int, reserved int, committed int, version bigint)
      WHERE ${LEASED} RETURNING 1)`);
  }
  if (delta.headerInserts.length > 0) {
    shape += 'h';
    ctes.push(`res_new AS (INSERT INTO inventory.reservation
        (id, idempotency_key, request_hash, customer_id, status, partition, participants, items, expires_at, created_at, updated_at)
      SELECT r."reservationId", r."idempotencyKey", r."requestHash", r."customerId", r.status::inventory."ReservationStatus", $1::int,
        ARRAY(SELECT json_array_elements_text(r.participants)::int), r.items,
        to_timestamp(r."expiresAt" / 1000.0), to_timestamp(r."createdAt" / 1000.0), now()
      FROM json_to_recordset(${rows(delta.headerInserts)}) AS r("reservationId" text, "idempotencyKey" text, "requestHash" text,
        "customerId" text, status text, participants json, items jsonb, "expiresAt" float8, "createdAt" float8)
      WHERE ${LEASED} RETURNING 1)`);
  }
  if (delta.headerTransitions.length > 0) {
    shape += 't';
    const t = delta.headerTransitions;
    ctes.push(`res_to AS (UPDATE inventory.reservation r SET status = t.status::inventory."ReservationStatus", updated_at = now()
      FROM json_to_recordset(${rows(t)}) AS t("reservationId" text, status text)
      WHERE r.id = t."reservationId" AND r.status = 'held' AND ${LEASED} RETURNING 1)`);
    checks.push(`(SELECT count(*) FROM res_to) = ${param(t.length, 'bigint')}`);
  }
  if (delta.itemInserts.length > 0) {
    shape += 'i';
    ctes.push(`item_new AS (INSERT INTO inventory.reservation_item
        (reservation_id, sku, partition, quantity, customer_id, limit_keys, status, expires_at, created_at)
      SELECT i."reservationId", i.sku, $1::int, i.quantity, i."customerId", COALESCE(i."limitKeys", '{}'), i.status::inventory."ReservationStatus",
        to_timestamp(i."expiresAt" / 1000.0), to_timestamp(i."createdAt" / 1000.0)
      FROM json_to_recordset(${rows(delta.itemInserts)}) AS i("reservationId" text, sku text, quantity int, "customerId" text,
        "limitKeys" text[], status text, "expiresAt" float8, "createdAt" float8)
      WHERE ${LEASED} RETURNING 1)`);
  }
  if (delta.holdTransitions.length > 0) {
    shape += 'o';
    const o = delta.holdTransitions;
    ctes.push(`item_to AS (UPDATE inventory.reservation_item i SET status = t.status::inventory."ReservationStatus"
      FROM json_to_recordset(${rows(o)}) AS t("reservationId" text, status text)
      WHERE i.reservation_id = t."reservationId" AND i.partition = $1::int AND i.status = 'held' AND ${LEASED} RETURNING 1)`);
    checks.push(`(SELECT count(*) FROM item_to) = ${param(o.reduce((n, x) => n + x.items, 0), 'bigint')}`);
  }
  if (delta.ledger.length > 0) {
    shape += 'l';
    ctes.push(`ledger AS (INSERT INTO inventory.stock_ledger (sku, delta, on_hand_after, kind, reason, created_at)
      SELECT l.sku, l.delta, l."onHandAfter", l.kind::inventory."StockChangeKind", l.reason, to_timestamp(l.at / 1000.0)
      FROM json_to_recordset(${rows(delta.ledger)}) AS l(sku text, delta int, "onHandAfter" int, kind text, reason text, at float8)
      WHERE ${LEASED} RETURNING 1)`);
  }
  if (delta.restocks.length > 0) {
    // The key is the primary key: a restock made twice (two actors, a lost answer) fails the batch.
    shape += 'r';
    ctes.push(`restock AS (INSERT INTO inventory.restock (key, sku, partition, quantity, reason, created_at)
      SELECT r.key, r.sku, $1::int, r.quantity, r.reason, to_timestamp(r.at / 1000.0)
      FROM json_to_recordset(${rows(delta.restocks)}) AS r(key text, sku text, quantity int, reason text, at float8)
      WHERE ${LEASED} RETURNING 1)`);
    checks.push(`(SELECT count(*) FROM restock) = ${param(delta.restocks.length, 'bigint')}`);
  }
  if (delta.limits.length > 0) {
    shape += 'm';
    ctes.push(`limits AS (INSERT INTO inventory.sale_limit (sku, per_customer, units, starts_at, ends_at, counts_from, updated_at)
      SELECT m.sku, m."perCustomer", m.units, to_timestamp(m."startsAt" / 1000.0), to_timestamp(m."endsAt" / 1000.0),
        to_timestamp(m."countsFrom" / 1000.0), now()
      FROM json_to_recordset(${rows(delta.limits)}) AS m(sku text, "perCustomer" int, units int, "startsAt" float8, "endsAt" float8, "countsFrom" float8)
      WHERE ${LEASED}
      ON CONFLICT (sku) DO UPDATE SET per_customer = EXCLUDED.per_customer, units = EXCLUDED.units, starts_at = EXCLUDED.starts_at,
        ends_at = EXCLUDED.ends_at, counts_from = EXCLUDED.counts_from, updated_at = now()
      RETURNING 1)`);
  }
  if (delta.limitsRemoved.length > 0) {
    shape += 'x';
    ctes.push(`limits_gone AS (DELETE FROM inventory.sale_limit l
      USING inventory.stock s
      WHERE l.sku = ANY(${param(delta.limitsRemoved, 'text[]')}) AND s.sku = l.sku AND s.partition = $1::int AND ${LEASED} RETURNING 1)`);
  }
  if (delta.events.length > 0) {
    shape += 'e';
    ctes.push(`outbox AS (INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope)
      SELECT (e.envelope->>'eventId')::uuid, '${INVENTORY_SOURCE}', '${INVENTORY_STREAM}', e.envelope->>'eventType', e.envelope->>'aggregateId', e.envelope
      FROM json_to_recordset(${rows(delta.events.map((event) => ({ envelope: envelopeOf(event) })))}) AS e(envelope jsonb)
      WHERE ${LEASED} RETURNING 1)`);
  }
  if (after) {
    // Pipelined after a batch still in flight on the same connection and decided on top of it:
    // if that one was refused, this one must not commit either (its values assumed the other's).
    shape += 'c';
    checks.push(
      `EXISTS (SELECT 1 FROM inventory.reservation_item WHERE reservation_id = ${param(after.reservationId, 'text')} AND sku = ${param(after.sku, 'text')})`,
    );
  }
  const rowsAsExpected = checks.length > 0 ? checks.join(' AND ') : 'TRUE';
  // The text depends only on which parts are present: one prepared statement per shape.
  const name = `inventory_batch_${shape}`;
  const text = `WITH ${ctes.join(',\n')}
    SELECT inventory.assert_batch((SELECT count(*) FROM lease) = 1, ${rowsAsExpected}) AS ok`;
  return { name, text, values };
}
