import type { CheckoutStepName } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { stepIndex } from '../domain/checkout-saga.js';
import {
  abandon,
  afterCompensate,
  afterInvoke,
  cancelByAdmin,
  foldNoOps,
  isRefusal,
  nextAction,
  onExhausted,
  retryDead,
  type Refusal,
  type SagaAction,
  type SagaPosition,
  type Transition,
} from '../domain/saga-state-machine.js';
import { factsAfter } from '../domain/no-op-steps.js';
import { afterChange, mergeChanges, writeCanWait } from '../domain/unwritten-changes.js';
import type { CheckoutStore } from '../application/checkout-store.js';
import type { CheckoutChange, CheckoutRecord } from '../domain/checkout.js';
import type { CompensateOutcome, InvokeOutcome, SagaStep, StepFacts } from './saga-step.js';

export type SagaSteps = Readonly<Record<CheckoutStepName, SagaStep>>;

export interface SagaObserver {
  stepSucceeded?(step: CheckoutStepName, kind: 'invoke' | 'compensate'): void;
  stepRetried?(step: CheckoutStepName, kind: 'invoke' | 'compensate'): void;
  settled?(checkout: CheckoutRecord): void;
}

/**
 * A step threw (a timeout, a 503, a bug): the saga stays where it is, with the error on the
 * step's record. `progressed` says whether this run completed an action before it, so a job
 * that moved the saga on can hand the new step a fresh retry budget.
 */
export class StepRetryError extends Error {
  constructor(
    readonly checkout: CheckoutRecord,
    readonly action: Extract<SagaAction, { kind: 'invoke' | 'compensate' }>,
    readonly progressed: boolean,
    cause: unknown,
  ) {
    super(`${action.kind} ${action.step} of checkout ${checkout.id} failed: ${messageOf(cause)}`, { cause });
    this.name = 'StepRetryError';
  }
}

export class CheckoutNotFoundError extends Error {}

export interface AdvanceOptions {
  /** Stop before invoking any step after this one (the request runs the saga up to create_order). */
  until?: CheckoutStepName;
  /** The version at which the caller knows the current action's attempt was already recorded as started. */
  startedAtVersion?: number;
  /** The checkout as the caller just read or wrote it (saves a read). */
  loaded?: CheckoutRecord;
}

/** How many times in a row one run may lose the compare-and-set before it lets the winner carry on. */
const MAX_CONFLICTS = 20;

/**
 * Executes the checkout saga from its stored position. Every action is bracketed by writes:
 * BEFORE the external call the attempt is recorded (the step is "running", attempt n), AFTER it
 * the result and the next position — in one compare-and-set statement that also records the
 * start of the next action. A process killed anywhere leaves a position from which the same
 * action runs again with the same idempotency keys, so each effect happens once. Past the pivot
 * the transitions are stored together, when the saga settles or a step fails or throws
 * (`writeCanWait`): a crash there also just runs steps again, and nothing there is compensated.
 */
export class SagaRunner {
  /** One run per saga at a time in this process (duplicate jobs wait, then find the work done). */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repository: CheckoutStore,
    private readonly steps: SagaSteps,
    private readonly logger: Logger,
    private readonly observer: SagaObserver = {},
  ) {}

  /**
   * Runs actions until the saga settles, waits (dead), reaches `until`, or an action must be
   * retried (throws `StepRetryError`). Answers the checkout as stored afterwards.
   */
  advance(checkoutId: string, options: AdvanceOptions = {}): Promise<CheckoutRecord> {
    return this.exclusive(checkoutId, () => this.run(checkoutId, options));
  }

  /** The current action exhausted its retries: the saga goes to the dead-letter state. */
  giveUp(checkoutId: string, error: StepRetryError): Promise<CheckoutRecord | null> {
    return this.exclusive(checkoutId, async () => {
      const checkout = await this.load(checkoutId);
      if (checkout.state === 'dead' || checkout.currentStep !== error.action.step || nextAction(positionOf(checkout)).kind !== error.action.kind) {
        return null; // it moved on meanwhile
      }
      const saved = await this.apply(checkout, onExhausted(positionOf(checkout)), {}, null, messageOf(error.cause));
      if (saved) this.logger.error({ checkoutId, step: error.action.step, err: error.message }, 'checkout saga step exhausted its retries: dead');
      return saved;
    });
  }

  retry(checkoutId: string): Promise<CheckoutRecord | Refusal> {
    return this.decideAndApply(checkoutId, retryDead);
  }

  cancel(checkoutId: string): Promise<CheckoutRecord | Refusal> {
    return this.decideAndApply(checkoutId, cancelByAdmin);
  }

  abandon(checkoutId: string): Promise<CheckoutRecord | Refusal> {
    return this.decideAndApply(checkoutId, abandon);
  }

  private decideAndApply(checkoutId: string, decide: (p: SagaPosition) => Transition | Refusal): Promise<CheckoutRecord | Refusal> {
    return this.exclusive(checkoutId, async () => {
      for (let i = 0; i < MAX_CONFLICTS; i++) {
        const checkout = await this.load(checkoutId);
        const transition = decide(positionOf(checkout));
        if (isRefusal(transition)) return transition;
        const saved = await this.apply(checkout, transition, {}, null);
        if (saved) return saved;
      }
      return { refused: true, reason: 'the checkout kept changing; try again' } satisfies Refusal;
    });
  }

  private async run(checkoutId: string, options: AdvanceOptions): Promise<CheckoutRecord> {
    let checkout = options.loaded?.id === checkoutId ? options.loaded : await this.load(checkoutId);
    let started = options.startedAtVersion !== undefined && checkout.version === options.startedAtVersion;
    let progressed = false;
    // Transitions past the pivot not stored yet (see unwritten-changes.ts); `checkout` already shows them.
    let unwritten: CheckoutChange | null = null;
    // Their steps, counted as succeeded once stored (a write that loses its compare-and-set counts none).
    let uncounted: CheckoutStepName[] = [];
    const countStored = () => {
      for (const done of uncounted) this.observer.stepSucceeded?.(done, 'invoke');
      uncounted = [];
    };
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
      const action = nextAction(positionOf(checkout));
      if (action.kind === 'finished' || action.kind === 'wait') return checkout;
      if (options.until && action.kind === 'invoke' && stepIndex(action.step) > stepIndex(options.until)) return checkout;

      if (!started) {
        const saved = await this.repository.transition(checkout.id, checkout.version, startOf(checkout, action));
        if (!saved) {
          conflicts++;
          checkout = await this.load(checkoutId);
          continue;
        }
        checkout = saved;
      }

      const step = this.steps[action.step];
      let outcome: InvokeOutcome | CompensateOutcome;
      try {
        if (action.kind === 'invoke') outcome = await step.invoke(checkout);
        else if (step.compensate) outcome = await step.compensate(checkout);
        else outcome = { kind: 'compensated' };
      } catch (err) {
        this.observer.stepRetried?.(action.step, action.kind);
        if (unwritten) {
          // The saga stays at this step: store how it got here first, so its retries and dead-lettering find it there.
          // Not stored (moved on meanwhile, or the database is down): the retry runs again from the stored step.
          const saved = await this.repository.transition(checkout.id, checkout.version, unwritten).catch((e: unknown) => {
            this.logger.warn({ checkoutId, err: messageOf(e) }, 'could not store the steps before a failed one');
            return null;
          });
          if (saved) {
            checkout = saved;
            countStored();
          } else uncounted = [];
        }
        await this.repository.recordError(checkout.id, action.step, messageOf(err)).catch((e: unknown) => {
          this.logger.warn({ checkoutId, err: messageOf(e) }, 'could not record a step error');
        });
        throw new StepRetryError(checkout, action, progressed, err);
      }

      // The steps after this one that have nothing to do for this checkout are written with it.
      const transition = foldNoOps(
        outcome.kind === 'compensated'
          ? afterCompensate(action.step)
          : afterInvoke(positionOf(checkout), action.step, outcome.kind === 'succeeded' ? { kind: 'succeeded' } : outcome),
        factsAfter(checkout, outcome.patch),
      );
      const next = nextAction(transition.to);
      const runsNext = next.kind === 'invoke' || next.kind === 'compensate' ? next : null;
      const change = changeOf(transition, outcome, runsNext);
      // (Not in a run that stops at `until`: it must leave everything it did stored.)
      if (action.kind === 'invoke' && !options.until && writeCanWait(action.step, transition)) {
        unwritten = unwritten ? mergeChanges(unwritten, change) : change;
        checkout = afterChange(checkout, change);
        uncounted.push(action.step);
        conflicts = 0;
        started = true;
        progressed = true;
        continue;
      }
      const saved = await this.repository.transition(checkout.id, checkout.version, unwritten ? mergeChanges(unwritten, change) : change);
      unwritten = null;
      if (!saved) {
        uncounted = [];
        // Someone else moved the saga while this action ran (a duplicate run, an admin): reload and
        // decide again. The effect of this action is idempotent, so re-running it is harmless.
        conflicts++;
        checkout = await this.load(checkoutId);
        started = false;
        continue;
      }
      countStored();
      this.observer.stepSucceeded?.(action.step, action.kind);
      conflicts = 0;
      checkout = saved;
      started = runsNext !== null;
      progressed = true;
      if (!runsNext) this.observer.settled?.(checkout);
    }
    this.logger.warn({ checkoutId }, 'checkout saga kept losing compare-and-set; leaving it to the other runner');
    return checkout;
  }

  /** Writes a transition (and, when `runsNext`, the start of the next action) if the checkout is still where it was read. */
  private apply(
    checkout: CheckoutRecord,
    transition: Transition,
    facts: StepFacts,
    runsNext: { kind: 'invoke' | 'compensate'; step: CheckoutStepName } | null,
    lastError?: string,
  ): Promise<CheckoutRecord | null> {
    return this.repository.transition(checkout.id, checkout.version, changeOf(transition, facts, runsNext, lastError));
  }

  private async load(checkoutId: string): Promise<CheckoutRecord> {
    const checkout = await this.repository.find(checkoutId);
    if (!checkout) throw new CheckoutNotFoundError(`checkout ${checkoutId} not found`);
    return checkout;
  }

  private async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(key);
    const mine = (async () => {
      if (previous) await previous.catch(() => undefined);
      return work();
    })();
    this.inFlight.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.inFlight.get(key) === mine) this.inFlight.delete(key);
    }
  }
}

export function positionOf(checkout: CheckoutRecord): SagaPosition {
  return { state: checkout.state, step: checkout.currentStep, deadFrom: checkout.deadFrom };
}

/** A transition as the store writes it: with the facts the step learned and, when `runsNext`, the start of the next action. */
function changeOf(
  transition: Transition,
  facts: StepFacts,
  runsNext: { kind: 'invoke' | 'compensate'; step: CheckoutStepName } | null,
  lastError?: string,
): CheckoutChange {
  return {
    state: transition.to.state,
    currentStep: transition.to.step,
    deadFrom: transition.to.deadFrom,
    failure: transition.failure,
    patch: facts.patch,
    payment: facts.payment,
    attemptsDelta: runsNext ? 1 : 0,
    steps: transition.steps.map((s) => ({
      step: s.step,
      status: s.status,
      attemptsDelta: runsNext && s.step === runsNext.step && (s.status === 'running' || s.status === 'compensating') ? 1 : 0,
      lastError: lastError ?? null,
    })),
  };
}

/** The BEFORE write of an action: the same position, one more attempt, the step marked as running. */
function startOf(checkout: CheckoutRecord, action: { kind: 'invoke' | 'compensate'; step: CheckoutStepName }): CheckoutChange {
  return {
    state: checkout.state,
    currentStep: checkout.currentStep,
    deadFrom: checkout.deadFrom,
    attemptsDelta: 1,
    steps: [{ step: action.step, status: action.kind === 'invoke' ? 'running' : 'compensating', attemptsDelta: 1 }],
  };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}
