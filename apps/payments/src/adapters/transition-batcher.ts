import { isDatabaseUnavailableError, queryNamed, type PgPool } from '@shop/persistence';
import type { CheckoutChange } from '../domain/checkout.js';

/** One saga transition without a payment write, as the batched statement takes it. */
export interface BatchedTransition {
  id: string;
  expectedVersion: number;
  change: CheckoutChange;
}

/**
 * Many sagas' transitions (without a payment write) in ONE statement: each row updates its
 * checkout only if it is still at its expected version, and writes its step records only if that
 * update happened (joined on the row's place in the batch). Answers `batch_index` and the
 * checkout as it is after the update, for the rows that applied.
 */
const BATCH_SQL = `
  WITH v AS (
    SELECT * FROM unnest($1::int[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[],
                         $10::jsonb[], $11::jsonb[], $12::text[], $13::int[], $14::text[], $15::uuid[], $16::text[], $17::text[], $18::uuid[], $19::int[])
      AS v(i, id, expected_version, state, current_step, dead_from, failed, failure_code, failure_reason,
           failure_details, quote, currency, amount, reservation_id, order_id, order_number, order_status, payment_id, attempts_delta)
  ), c AS (
    UPDATE payments.checkout k SET
      state = v.state::payments."CheckoutState",
      current_step = v.current_step,
      dead_from = v.dead_from::payments."CheckoutState",
      failure_code = CASE WHEN v.failed THEN v.failure_code ELSE k.failure_code END,
      failure_reason = CASE WHEN v.failed THEN v.failure_reason ELSE k.failure_reason END,
      failure_details = CASE WHEN v.failed THEN v.failure_details ELSE k.failure_details END,
      quote = COALESCE(k.quote, v.quote),
      currency = COALESCE(k.currency, v.currency),
      amount = COALESCE(k.amount, v.amount),
      reservation_id = COALESCE(k.reservation_id, v.reservation_id),
      order_id = COALESCE(k.order_id, v.order_id),
      order_number = COALESCE(k.order_number, v.order_number),
      order_status = COALESCE(k.order_status, v.order_status),
      payment_id = COALESCE(k.payment_id, v.payment_id),
      attempts = k.attempts + v.attempts_delta,
      -- A new current step starts with the attempts its record gets in this change.
      step_attempts = CASE WHEN k.current_step IS DISTINCT FROM v.current_step
        THEN COALESCE((SELECT w.attempts FROM unnest($20::int[], $21::text[], $23::int[]) AS w(i, step, attempts) WHERE w.i = v.i AND w.step = v.current_step), 0)
        ELSE k.step_attempts + v.attempts_delta END,
      updated_at = now(),
      version = k.version + 1
    FROM v
    WHERE k.id = v.id AND k.version = v.expected_version
    RETURNING v.i AS batch_index, k.*
  ), s AS (
    INSERT INTO payments.checkout_step (checkout_id, step, status, attempts, last_error, updated_at)
    SELECT c.id, w.step, w.status::payments."CheckoutStepStatus", w.attempts, w.last_error, now()
    FROM c JOIN unnest($20::int[], $21::text[], $22::text[], $23::int[], $24::text[]) AS w(i, step, status, attempts, last_error) ON w.i = c.batch_index
    ON CONFLICT (checkout_id, step) DO UPDATE SET
      status = EXCLUDED.status,
      attempts = checkout_step.attempts + EXCLUDED.attempts,
      last_error = COALESCE(EXCLUDED.last_error, checkout_step.last_error),
      updated_at = now()
  )
  SELECT * FROM c`;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The batched statement's parameters: one array per column, the step records flattened with their row's index. */
export function batchValues(items: readonly BatchedTransition[]): unknown[] {
  const column = <T>(f: (t: BatchedTransition) => T) => items.map(f);
  const steps = items.flatMap((t, i) => t.change.steps.map((s) => ({ i, s })));
  return [
    items.map((_, i) => i),
    column((t) => t.id),
    column((t) => t.expectedVersion),
    column((t) => t.change.state),
    column((t) => t.change.currentStep),
    column((t) => t.change.deadFrom),
    column((t) => t.change.failure !== undefined && t.change.failure !== null),
    column((t) => t.change.failure?.code ?? null),
    column((t) => t.change.failure?.reason ?? null),
    column((t) => json(t.change.failure?.details)),
    column((t) => json(t.change.patch?.quote)),
    column((t) => t.change.patch?.currency ?? null),
    column((t) => t.change.patch?.amount ?? null),
    column((t) => t.change.patch?.reservationId ?? null),
    column((t) => t.change.patch?.orderId ?? null),
    column((t) => t.change.patch?.orderNumber ?? null),
    column((t) => t.change.patch?.orderStatus ?? null),
    column((t) => t.change.patch?.paymentId ?? null),
    column((t) => t.change.attemptsDelta),
    steps.map(({ i }) => i),
    steps.map(({ s }) => s.step),
    steps.map(({ s }) => s.status),
    steps.map(({ s }) => s.attemptsDelta),
    steps.map(({ s }) => s.lastError ?? null),
  ];
}

interface Waiting<Row> {
  transition: BatchedTransition;
  resolve: (row: Row | null) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of saga transitions: the calls made while a batch is being written wait and go
 * together in the next statement (one round trip and one commit for all), so under load the
 * statements per checkout fall while an idle saga still writes at once. One batch in flight at a
 * time: a checkout's row is never locked by two batches (no lock-order deadlock between them).
 * `single` writes one transition on its own: a lone call, and each call again when a batch
 * failed for another reason than an outage (one bad row must not fail its neighbours).
 */
export class TransitionBatcher<Row extends { batch_index?: number }> {
  private queue: Waiting<Row>[] = [];
  private flushing = false;

  constructor(
    private readonly pool: PgPool,
    private readonly single: (t: BatchedTransition) => Promise<Row | null>,
    private readonly maxBatch = 64,
  ) {}

  /** The checkout after the transition, or null when it was no longer at `expectedVersion`. */
  write(transition: BatchedTransition): Promise<Row | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ transition, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the calls of this turn of the event loop (sagas resumed by the same I/O) have queued.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.writeBatch(batch);
    }
    this.flushing = false;
  }

  private async writeBatch(batch: Waiting<Row>[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await this.single(only!.transition).then(only!.resolve, only!.reject);
      return;
    }
    try {
      const rows = await queryNamed<Row>(this.pool, 'payments_checkout_transition_batch', BATCH_SQL, batchValues(batch.map((w) => w.transition)));
      const byIndex = new Map(rows.map((r) => [r.batch_index!, r]));
      batch.forEach((w, i) => w.resolve(byIndex.get(i) ?? null));
    } catch (err) {
      if (isDatabaseUnavailableError(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      await Promise.all(batch.map((w) => this.single(w.transition).then(w.resolve, w.reject)));
    }
  }
}
