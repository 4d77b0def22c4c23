import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pgPoolOf, Prisma, queryNamed, type PgPool, type PrismaClient } from '@shop/persistence';
import {
  ProviderRefusedError,
  ProviderUnavailableError,
  type AuthorizeRequest,
  type AuthorizeResult,
  type CaptureRequest,
  type PaymentProvider,
  type ProviderCharge,
  type ProviderChargeStatus,
  type RefundRequest,
  type VoidRequest,
} from '../application/payment-provider.js';
import { simBehaviourOf, simCardFingerprint } from './sim-token.js';

export interface SimulatedCardProviderOptions {
  /** Latency of every call, like a PSP's round trip (SIM_PROVIDER_LATENCY_MS). */
  latencyMs: number;
  /** Latency of `tok_slow` (SIM_SLOW_LATENCY_MS). */
  slowLatencyMs: number;
  /** How many calls `tok_transient` fails before it authorizes (SIM_TRANSIENT_FAILURES). */
  transientFailures: number;
  /** When `tok_timeout` answers: longer than the client's timeout, so the client never sees it. */
  lateAnswerMs: number;
}

interface ChargeRow {
  id: string;
  idempotency_key: string;
  token: string;
  amount: number;
  currency: string;
  status: ProviderChargeStatus;
  decline_code: string | null;
  captured_amount: number;
  refunded_amount: number;
}

/** A charge as every statement answers it. */
const CHARGE_COLUMNS = 'id, idempotency_key, token, amount, currency, status, decline_code, captured_amount, refunded_amount';
// The same list inside Prisma's tagged templates (a plain string there would become a bound value).
const CHARGE_COLUMNS_SQL = Prisma.raw(CHARGE_COLUMNS);

/**
 * The built-in payment provider: a PSP simulated in-process, with its own ledger in Postgres
 * (`payments.sim_charge`, `payments.sim_operation`), so "was this card charged?" is a query. Its
 * test tokens (sim-token.ts) approve, decline, time out, fail transiently or answer slowly, so
 * every path of the saga can be exercised. Every call is idempotent by its key, also across
 * processes: the ledger's unique keys decide, not memory.
 */
export class SimulatedCardProvider implements PaymentProvider {
  readonly name = 'simulated';

  /** The pool under `prisma`: authorize and capture, sent by every checkout, go as named prepared statements. */
  private readonly pool: PgPool;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: SimulatedCardProviderOptions,
  ) {
    this.pool = pgPoolOf(prisma);
  }

  cardFingerprint(token: string): string {
    return simCardFingerprint(token);
  }

  async authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    const behaviour = simBehaviourOf(request.token);
    await sleep(behaviour.kind === 'slow' ? (behaviour.latencyMs ?? this.options.slowLatencyMs) : this.options.latencyMs);
    const failures = behaviour.kind === 'transient' ? (behaviour.failures ?? this.options.transientFailures) : 0;
    const declineCode = behaviour.kind === 'decline' ? behaviour.code : null;
    const first: ProviderChargeStatus = declineCode ? 'declined' : failures > 0 ? 'pending' : 'authorized';
    const rows = await queryNamed<ChargeRow>(this.pool, 'payments_sim_authorize', AUTHORIZE_SQL, [
      newChargeId(),
      request.idempotencyKey,
      request.token,
      request.amount,
      request.currency,
      first,
      declineCode,
      request.reference,
      failures,
    ]);
    const row = rows[0]!;
    // The PSP processed it; its answer arrives after the client stopped waiting.
    if (behaviour.kind === 'timeout') await sleep(this.options.lateAnswerMs);
    if (row.token !== '' && (row.amount !== request.amount || row.token !== request.token)) {
      throw new ProviderRefusedError('idempotency_key_reused', 'this idempotency key authorized another amount or card');
    }
    const charge = chargeOf(row);
    switch (charge.status) {
      case 'pending':
        throw new ProviderUnavailableError('processing_error: the simulated provider failed transiently; retry');
      case 'declined':
        return { outcome: 'declined', charge, declineCode: charge.declineCode ?? 'card_declined' };
      case 'voided':
        return { outcome: 'voided', charge };
      default:
        return { outcome: 'authorized', charge };
    }
  }

  async capture(request: CaptureRequest): Promise<ProviderCharge> {
    await sleep(this.options.latencyMs);
    const rows = await queryNamed<ChargeRow>(this.pool, 'payments_sim_capture', CAPTURE_SQL, [request.amount, request.chargeId, request.idempotencyKey]);
    if (rows[0]) return chargeOf(rows[0]);
    const current = await this.byId(request.chargeId);
    if (current?.status === 'captured' && current.capturedAmount === request.amount) return current; // a replay
    throw refusal(current, 'capture');
  }

  async void(request: VoidRequest): Promise<ProviderCharge> {
    await sleep(this.options.latencyMs);
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await this.prisma.$queryRaw<ChargeRow[]>`
        WITH u AS (
          UPDATE payments.sim_charge SET status = 'voided', updated_at = now()
          WHERE idempotency_key = ${request.authorizationKey} AND status IN ('authorized', 'pending')
          RETURNING *
        ), o AS (
          INSERT INTO payments.sim_operation (idempotency_key, charge_id, kind, amount, created_at)
          SELECT ${request.idempotencyKey}, id, 'void', amount, now() FROM u
          ON CONFLICT (idempotency_key) DO NOTHING
        )
        SELECT ${CHARGE_COLUMNS_SQL} FROM u`;
      if (rows[0]) return chargeOf(rows[0]);
      const current = await this.retrieveNow(request.authorizationKey);
      if (current) {
        if (current.status === 'voided' || current.status === 'declined') return current; // nothing (more) to void
        throw refusal(current, 'void');
      }
      // Never seen: record the void, so an authorization arriving later with this key is refused.
      const tombstone = await this.prisma.$queryRaw<ChargeRow[]>`
        INSERT INTO payments.sim_charge (id, idempotency_key, token, amount, currency, status, calls, reference, created_at, updated_at)
        VALUES (${newChargeId()}, ${request.authorizationKey}, '', ${request.amount}, ${request.currency}, 'voided', 0, null, now(), now())
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING ${CHARGE_COLUMNS_SQL}`;
      if (tombstone[0]) return chargeOf(tombstone[0]);
      // An authorization arrived meanwhile: void it on the next round.
    }
    throw new ProviderUnavailableError('the charge kept changing while it was voided; retry');
  }

  /**
   * Refunds `amount` of a captured charge, at most what is captured and not refunded yet; partial
   * refunds add up and the charge reads `refunded` once all of it is back. Once per key: a replay
   * answers the charge as it is now (another amount under the same key is refused).
   */
  async refund(request: RefundRequest): Promise<ProviderCharge> {
    await sleep(this.options.latencyMs);
    return this.prisma.$transaction(async (tx) => {
      // The charge's row lock serializes refunds of one charge (and replays of one key).
      const rows = await tx.$queryRaw<ChargeRow[]>`
        SELECT ${CHARGE_COLUMNS_SQL}
        FROM payments.sim_charge WHERE id = ${request.chargeId} FOR UPDATE`;
      const current = rows[0] ? chargeOf(rows[0]) : null;
      const prior = await tx.$queryRaw<{ kind: string; amount: number; charge_id: string }[]>`
        SELECT kind, amount, charge_id FROM payments.sim_operation WHERE idempotency_key = ${request.idempotencyKey}`;
      if (prior[0]) {
        if (prior[0].kind !== 'refund' || prior[0].amount !== request.amount || prior[0].charge_id !== request.chargeId) {
          throw new ProviderRefusedError('idempotency_key_reused', 'this idempotency key made another operation or amount');
        }
        return current!;
      }
      if (!current || (current.status !== 'captured' && current.status !== 'refunded')) throw refusal(current, 'refund');
      const left = current.capturedAmount - current.refundedAmount;
      if (request.amount < 1 || request.amount > left) {
        throw new ProviderRefusedError('amount_too_large', `cannot refund ${request.amount}: ${left} of ${current.capturedAmount} captured is left to refund`);
      }
      const updated = await tx.$queryRaw<ChargeRow[]>`
        UPDATE payments.sim_charge SET refunded_amount = refunded_amount + ${request.amount},
          status = CASE WHEN refunded_amount + ${request.amount} >= captured_amount THEN 'refunded'::payments."SimChargeStatus" ELSE status END,
          updated_at = now()
        WHERE id = ${request.chargeId}
        RETURNING ${CHARGE_COLUMNS_SQL}`;
      await tx.$executeRaw`
        INSERT INTO payments.sim_operation (idempotency_key, charge_id, kind, amount, created_at)
        VALUES (${request.idempotencyKey}, ${request.chargeId}, 'refund', ${request.amount}, now())`;
      return chargeOf(updated[0]!);
    });
  }

  async retrieve(authorizationKey: string): Promise<ProviderCharge | null> {
    await sleep(this.options.latencyMs);
    return this.retrieveNow(authorizationKey);
  }

  private async retrieveNow(authorizationKey: string): Promise<ProviderCharge | null> {
    const rows = await this.prisma.$queryRaw<ChargeRow[]>`
      SELECT ${CHARGE_COLUMNS_SQL}
      FROM payments.sim_charge WHERE idempotency_key = ${authorizationKey}`;
    return rows[0] ? chargeOf(rows[0]) : null;
  }

  private async byId(id: string): Promise<ProviderCharge | null> {
    const rows = await this.prisma.$queryRaw<ChargeRow[]>`
      SELECT ${CHARGE_COLUMNS_SQL}
      FROM payments.sim_charge WHERE id = ${id}`;
    return rows[0] ? chargeOf(rows[0]) : null;
  }
}

/**
 * One statement decides an authorization: a new key records the decision; a known key answers
 * what it was (a pending one, a transient failure, is decided again by how many calls it has
 * seen). $9: the calls a transient failure lasts.
 */
const AUTHORIZE_SQL = `
  INSERT INTO payments.sim_charge (id, idempotency_key, token, amount, currency, status, decline_code, calls, reference, created_at, updated_at)
  VALUES ($1::text, $2::text, $3::text, $4::int, $5::text, $6::payments."SimChargeStatus", $7::text, 1, $8::text, now(), now())
  ON CONFLICT (idempotency_key) DO UPDATE SET
    calls = sim_charge.calls + 1,
    updated_at = now(),
    status = CASE WHEN sim_charge.status = 'pending' AND sim_charge.calls + 1 > $9::int
                  THEN 'authorized'::payments."SimChargeStatus" ELSE sim_charge.status END
  RETURNING ${CHARGE_COLUMNS}`;

/** Captures an authorized charge of at least the amount, and records the operation under its key. */
const CAPTURE_SQL = `
  WITH u AS (
    UPDATE payments.sim_charge SET status = 'captured', captured_amount = $1::int, updated_at = now()
    WHERE id = $2::text AND status = 'authorized' AND amount >= $1::int
    RETURNING *
  ), o AS (
    INSERT INTO payments.sim_operation (idempotency_key, charge_id, kind, amount, created_at)
    SELECT $3::text, id, 'capture', $1::int, now() FROM u
    ON CONFLICT (idempotency_key) DO NOTHING
  )
  SELECT ${CHARGE_COLUMNS} FROM u`;

function newChargeId(): string {
  return `ch_${randomBytes(12).toString('hex')}`;
}

function chargeOf(row: ChargeRow): ProviderCharge {
  return {
    id: row.id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    capturedAmount: row.captured_amount,
    refundedAmount: row.refunded_amount,
    declineCode: row.decline_code,
  };
}

function refusal(current: ProviderCharge | null, operation: string): ProviderRefusedError {
  if (!current) return new ProviderRefusedError('no_such_charge', `cannot ${operation}: no such charge`);
  return new ProviderRefusedError(`charge_${current.status}`, `cannot ${operation} a ${current.status} charge`);
}
