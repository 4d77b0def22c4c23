import { FailureCode, type Reservation } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { compensate, runSteps, type SagaStep, type StepOutcome } from '@shop/saga';
import type { ReservationActor } from '../actor/reservation-actor.js';
import type { HoldCommand, ReserveCommand } from '../domain/commands.js';
import type { ItemQuantity } from '../domain/partition-snapshot.js';
import type { HoldAction } from '../inventory-routes.js';
import { failed, isPassing, type Answer, type Failure } from './failures.js';
import { finishHoldCall, holdCall, reserveCall } from './partition-calls.js';
import type { PartitionDispatcher } from './partition-dispatcher.js';

/** One attempt at a multi-partition reservation, as its steps see it. */
interface Attempt {
  /** The coordinating partition's actor (this instance serves it). */
  coordinator: ReservationActor;
  command: ReserveCommand;
  /** The other partitions and their items. */
  parts: readonly (readonly [number, readonly ItemQuantity[]])[];
  /** The coordinator's answer, once it decided. */
  answer?: Answer<Reservation>;
}

type Step = SagaStep<Attempt, StepOutcome<Failure>>;

export interface ReservationCoordinatorOptions {
  dispatcher: PartitionDispatcher;
  /** Participant holds outlive the reservation's expiry by this much (the coordinator expires them first). */
  participantGraceMs: number;
  logger: Logger;
}

/**
 * A reservation whose items span partitions, all or nothing, as two saga steps: hold the items on
 * every participant partition (compensation: release those holds), then reserve on the
 * coordinating partition (the first item's), which writes the reservation record with its own
 * items. A refusal anywhere releases the holds made. When the coordinator's outcome is unknown (a
 * database outage) nothing is compensated: the holds outlive the reservation by a grace period
 * and expire by themselves, so a committed record stays whole.
 */
export class ReservationCoordinator {
  private readonly steps: readonly Step[];
  private readonly holds: Step;

  constructor(private readonly o: ReservationCoordinatorOptions) {
    this.holds = {
      invoke: (attempt) => this.holdParticipants(attempt),
      compensate: (attempt) => this.releaseHolds(attempt),
    };
    this.steps = [this.holds, { invoke: (attempt) => this.reserveOnCoordinator(attempt) }];
  }

  async reserve(coordinator: ReservationActor, command: ReserveCommand, byPartition: ReadonlyMap<number, readonly ItemQuantity[]>): Promise<Answer<Reservation>> {
    const parts = [...byPartition].filter(([p]) => p !== coordinator.partition);
    const attempt: Attempt = { coordinator, command: { ...command, participants: parts.map(([p]) => p) }, parts };
    const outcome = await runSteps(this.steps, attempt);
    if (outcome.kind === 'failed') return attempt.answer ?? failed(outcome.failure);
    // The same key answered the stored reservation: the holds made for this attempt are surplus.
    if (attempt.answer?.ok === true && attempt.answer.replayed) await compensate([this.holds], attempt);
    return attempt.answer!;
  }

  /**
   * The participants follow the coordinator's decision (commit, release, expire). False when some
   * could not be told now (the caller answers 503 and is retried; every step is idempotent).
   */
  async follow(partitions: readonly number[], reservationId: string, action: HoldAction): Promise<boolean> {
    const results = await Promise.all(
      partitions.map(async (p) => {
        try {
          return (await this.o.dispatcher.dispatch(p, finishHoldCall(p, reservationId, action), false)).ok === true;
        } catch (err) {
          this.o.logger.warn({ partition: p, reservationId, action, err: String(err) }, 'participant update failed');
          return false;
        }
      }),
    );
    return results.every(Boolean);
  }

  private async holdParticipants(attempt: Attempt): Promise<StepOutcome<Failure>> {
    const { command } = attempt;
    const hold = (items: readonly ItemQuantity[]): HoldCommand => ({
      kind: 'hold',
      reservationId: command.reservationId,
      customerId: command.customerId,
      items,
      expiresAt: command.expiresAt + this.o.participantGraceMs,
      bounds: command.bounds,
      limitKeys: command.limitKeys,
    });
    const answers = await Promise.all(attempt.parts.map(([p, items]) => this.o.dispatcher.dispatch(p, holdCall(p, hold(items)), false)));
    const refused = answers.flatMap((a) => (a.ok === false ? [a.failure] : []));
    // Some parts may be held: the compensation releases every participant (releasing a hold never made is a no-op).
    return refused.length === 0 ? { kind: 'succeeded' } : { kind: 'failed', failure: combined(refused), effect: 'unknown' };
  }

  private async reserveOnCoordinator(attempt: Attempt): Promise<StepOutcome<Failure>> {
    // A refusal before deciding (full mailbox, partition handed over) wrote nothing: it is a failure like a refusal.
    // Any other error leaves the outcome unknown and is thrown past the runner: nothing is compensated.
    const answer = await this.o.dispatcher.run(attempt.coordinator, reserveCall(attempt.command));
    attempt.answer = answer;
    return answer.ok === false ? { kind: 'failed', failure: answer.failure, effect: 'none' } : { kind: 'succeeded' };
  }

  /** Undoes participant holds of a reservation that will not be made (best effort: they expire anyway). */
  private async releaseHolds(attempt: Attempt): Promise<void> {
    if (!(await this.follow(attempt.command.participants, attempt.command.reservationId, 'release'))) {
      this.o.logger.warn({ reservationId: attempt.command.reservationId }, 'could not undo every participant hold now; they expire by themselves');
    }
  }
}

/** Which refusal names the answer when parts were refused for different reasons. */
const REFUSAL_ORDER = [FailureCode.NOT_FOUND, FailureCode.SKU_UNAVAILABLE, FailureCode.LIMIT_EXCEEDED, FailureCode.OUT_OF_STOCK];

/**
 * One answer for several refused parts: a part that could not be decided (unavailable, broken)
 * first, so the client retries; else the first refusal in order with every part's SKUs merged.
 */
function combined(refusals: readonly Failure[]): Failure {
  const undecided = refusals.find((f) => isPassing(f) || f.code === FailureCode.INTERNAL);
  if (undecided) return undecided;
  for (const code of REFUSAL_ORDER) {
    const same = refusals.filter((f) => f.code === code);
    if (same.length === 1) return same[0]!;
    if (same.length > 1) {
      const skus = same.flatMap((f) => skusOf(f.details));
      // A sale allocation among them keeps its mark (its details are { skus, saleAllocation }).
      const allocation = same.find((f) => !Array.isArray(f.details) && typeof f.details === 'object' && f.details !== null);
      return { ...(allocation ?? same[0]!), details: allocation ? { ...(allocation.details as object), skus } : skus };
    }
  }
  return refusals[0]!;
}

/** The SKUs a refusal names: its details, or their `skus` (a sale allocation's refusal). */
function skusOf(details: unknown): unknown[] {
  if (Array.isArray(details)) return details;
  const skus = (details as { skus?: unknown } | null | undefined)?.skus;
  return Array.isArray(skus) ? skus : [];
}
