import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CheckoutStepName, type CheckoutQuote } from '@shop/contracts';
import { bullPrefix } from '@shop/messaging';
import { createLogger } from '@shop/observability';
import { testEnv, uniquePrefix } from '@shop/testing';
import { Redis } from 'ioredis';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import type { CheckoutRecord } from '../src/domain/checkout.js';
import { SagaRunner, StepRetryError, type SagaSteps } from '../src/saga/saga-runner.js';
import { compensated, failed, succeeded, type InvokeOutcome, type SagaStep } from '../src/saga/saga-step.js';
import { Registry } from 'prom-client';
import { SAGA_QUEUE } from '../src/jobs/saga-jobs.js';
import { createPaymentsMetrics } from '../src/payments-metrics.js';
import { prismaClient, testSagaJobs, insertTestCheckout } from './payments-harness.js';

type Script = 'ok' | 'throw' | InvokeOutcome;

/**
 * Steps that follow a script per step (then succeed), and record what ran, in order. The quote
 * step locks a quote with `couponCode` and create_order reports `orderStatus`: by default a coupon
 * and an order created PENDING, so every step has work to do (see the no-op steps test).
 */
class ScriptedSteps {
  readonly log: string[] = [];
  readonly attemptsSeen: Record<string, number[]> = {};
  private readonly scripts = new Map<string, Script[]>();

  constructor(private readonly facts: { couponCode: string | null; orderStatus: string } = { couponCode: 'SCRIPTED10', orderStatus: 'PENDING' }) {}

  /** What a step that succeeds learned (the quote's coupon, the order's status). */
  private learned(name: CheckoutStepName): InvokeOutcome {
    if (name === 'quote') return succeeded({ patch: { quote: { couponCode: this.facts.couponCode } as CheckoutQuote } });
    if (name === 'create_order') return succeeded({ patch: { orderStatus: this.facts.orderStatus } });
    return succeeded();
  }

  script(step: CheckoutStepName, ...plan: Script[]): this {
    this.scripts.set(step, plan);
    return this;
  }

  steps(): SagaSteps {
    const all = Object.fromEntries(
      CheckoutStepName.options.map((name) => {
        const step: SagaStep = {
          invoke: async (c: CheckoutRecord) => {
            this.log.push(`invoke ${name}`);
            (this.attemptsSeen[name] ??= []).push(c.stepAttempts);
            await sleep(2);
            const next = this.scripts.get(name)?.shift() ?? 'ok';
            if (next === 'throw') throw new Error(`${name} is down`);
            return next === 'ok' ? this.learned(name) : next;
          },
          compensate: async () => {
            this.log.push(`compensate ${name}`);
            return compensated();
          },
        };
        return [name, step];
      }),
    );
    return all as unknown as SagaSteps;
  }
}

describe('saga runner and jobs on the real database and Redis', () => {
  const prisma = prismaClient();
  const repository = new CheckoutRepository(prisma);
  const logger = createLogger({ service: 'payments-test', level: 'silent' });
  const stopAfter: Array<() => Promise<void>> = [];

  const redis = new Redis(testEnv().redisUrl);

  afterAll(async () => {
    for (const stop of stopAfter) await stop();
    await prisma.$disconnect();
    redis.disconnect();
  });

  /** The ids of the saga jobs ever added under `prefix`, from BullMQ's own event stream. */
  const jobsAdded = async (prefix: string): Promise<string[]> => {
    const entries = await redis.xrange(`${bullPrefix(prefix, SAGA_QUEUE)}:${SAGA_QUEUE}:events`, '-', '+');
    return entries.flatMap(([, fields]) => {
      const f = Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[v, fields[i + 1]]] : [])));
      return f.event === 'added' ? [f.jobId as string] : [];
    });
  };

  const newCheckout = () => insertTestCheckout(repository);

  const stepRows = async (id: string) =>
    Object.fromEntries((await repository.steps(id)).map((s) => [s.step, `${s.status}/${s.attempts}${s.lastError ? ` ${s.lastError}` : ''}`]));

  /** The steps from the pivot on: their transitions are stored together, in one write. */
  const fromPivot = CheckoutStepName.options.slice(CheckoutStepName.options.indexOf('commit_stock'));

  it('runs every step once, each bracketed by its writes before the pivot, the rest stored in one write, to completed', async () => {
    const scripted = new ScriptedSteps();
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const done = await runner.advance(c.id, { startedAtVersion: c.version });
    const steps = CheckoutStepName.options.length;
    expect(done).toMatchObject({ state: 'completed', currentStep: null, attempts: steps });
    // One write per step before the pivot (its result together with the start of the next), one for the steps from it on.
    expect(done.version).toBe(1 + steps - fromPivot.length + 1);
    expect(scripted.log).toEqual(CheckoutStepName.options.map((s) => `invoke ${s}`));
    expect(Object.values(await stepRows(c.id))).toEqual(Array(steps).fill('succeeded/1'));
  });

  it('writes the steps with nothing to do (no coupon, an order created AWAITING_PAYMENT) with the step before them, never runs them', async () => {
    const scripted = new ScriptedSteps({ couponCode: null, orderStatus: 'AWAITING_PAYMENT' });
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const done = await runner.advance(c.id, { startedAtVersion: c.version });
    const noOps = ['hold_coupon', 'await_payment', 'consume_coupon'];
    const worked = CheckoutStepName.options.filter((s) => !noOps.includes(s));
    expect(done).toMatchObject({ state: 'completed', currentStep: null, attempts: worked.length });
    // One write per step that ran before the pivot, one from it on; the no-op steps cost none.
    expect(done.version).toBe(1 + worked.filter((s) => !fromPivot.includes(s)).length + 1);
    expect(scripted.log).toEqual(worked.map((s) => `invoke ${s}`));
    const rows = await stepRows(c.id);
    expect(Object.keys(rows).sort()).toEqual([...CheckoutStepName.options].sort());
    for (const step of noOps) expect(rows[step]).toBe('succeeded/0');
    for (const step of worked) expect(rows[step]).toBe('succeeded/1');
  });

  it('cancels without a coupon to release: the order cancelled is the last compensation run', async () => {
    const scripted = new ScriptedSteps({ couponCode: null, orderStatus: 'AWAITING_PAYMENT' }).script('authorize_payment', failed('PAYMENT_DECLINED', 'card_declined'));
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const done = await runner.advance(c.id, { startedAtVersion: c.version });
    expect(done).toMatchObject({ state: 'cancelled', failureCode: 'PAYMENT_DECLINED' });
    expect(scripted.log.filter((l) => l.startsWith('compensate'))).toEqual(['compensate reserve_stock', 'compensate create_order']);
    expect(await stepRows(c.id)).toMatchObject({ authorize_payment: 'failed/1', reserve_stock: 'compensated/2', create_order: 'compensated/2', hold_coupon: 'compensated/0' });
  });

  it('stops after the request steps when asked (`until`) and goes on from there later', async () => {
    const scripted = new ScriptedSteps();
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const prepared = await runner.advance(c.id, { until: 'create_order', startedAtVersion: c.version });
    expect(prepared).toMatchObject({ state: 'running', currentStep: 'reserve_stock' });
    expect(await stepRows(c.id)).toMatchObject({ reserve_stock: 'running/1' }); // its start is already recorded
    const done = await runner.advance(c.id, { startedAtVersion: prepared.version });
    expect(done.state).toBe('completed');
    expect((await stepRows(c.id)).reserve_stock).toBe('succeeded/1');
  });

  it('a step that throws stays where it is with its error; the next run tries it again and knows it is a retry', async () => {
    const scripted = new ScriptedSteps().script('authorize_payment', 'throw');
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const error = await runner.advance(c.id, { startedAtVersion: c.version }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepRetryError);
    expect((error as StepRetryError).progressed).toBe(true);
    expect(await repository.find(c.id)).toMatchObject({ state: 'running', currentStep: 'authorize_payment' });
    expect((await stepRows(c.id)).authorize_payment).toBe('running/1 authorize_payment is down');
    expect((await runner.advance(c.id)).state).toBe('completed');
    expect(scripted.attemptsSeen.authorize_payment).toEqual([1, 2]);
  });

  it('a step past the pivot that throws: the steps before it are stored, the saga waits at it with its error and a retry finishes', async () => {
    const scripted = new ScriptedSteps().script('capture_payment', 'throw');
    const counted: string[] = [];
    const runner = new SagaRunner(repository, scripted.steps(), logger, { stepSucceeded: (step) => counted.push(step) });
    const c = await newCheckout();
    const error = await runner.advance(c.id, { startedAtVersion: c.version }).catch((e: unknown) => e);
    expect(counted.slice(-3)).toEqual(['commit_stock', 'consume_coupon', 'confirm_order']); // counted once stored
    expect(error).toBeInstanceOf(StepRetryError);
    const stored = await repository.find(c.id);
    expect(stored).toMatchObject({ state: 'running', currentStep: 'capture_payment', stepAttempts: 1 });
    expect((error as StepRetryError).checkout.version).toBe(stored?.version); // its retry job is keyed on the stored version
    expect(await stepRows(c.id)).toMatchObject({
      commit_stock: 'succeeded/1',
      consume_coupon: 'succeeded/1',
      confirm_order: 'succeeded/1',
      capture_payment: 'running/1 capture_payment is down',
    });
    expect(scripted.log).not.toContain('invoke clear_cart');
    expect((await runner.advance(c.id)).state).toBe('completed');
    expect(counted.slice(-2)).toEqual(['capture_payment', 'clear_cart']);
    expect(new Set(counted).size).toBe(counted.length); // none twice
    expect(scripted.attemptsSeen.capture_payment).toEqual([1, 2]);
    expect(scripted.log.filter((l) => l === 'invoke confirm_order')).toHaveLength(1); // not run again: its result was stored
  });

  it('a refusal past the pivot: dead at that step, with the steps before it stored as succeeded and the reason', async () => {
    const scripted = new ScriptedSteps().script('confirm_order', failed('ORDER_NOT_CONFIRMABLE', 'CONFLICT: the order is CANCELLED'));
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const dead = await runner.advance(c.id, { startedAtVersion: c.version });
    expect(dead).toMatchObject({ state: 'dead', currentStep: 'confirm_order', deadFrom: 'running', failureCode: 'ORDER_NOT_CONFIRMABLE', stepAttempts: 1 });
    expect(await repository.find(c.id)).toMatchObject({ state: 'dead', currentStep: 'confirm_order', version: dead.version });
    expect(await stepRows(c.id)).toMatchObject({ commit_stock: 'succeeded/1', consume_coupon: 'succeeded/1', confirm_order: 'failed/1' });
    expect(scripted.log.filter((l) => l.startsWith('compensate'))).toEqual([]);
  });

  it('a process that stops past the pivot before its write: another runs the saga on from the stored step; the late write loses and changes nothing', async () => {
    let release!: () => void;
    const stall = new Promise<void>((resolve) => (release = resolve));
    const stalled = new ScriptedSteps();
    const steps = stalled.steps();
    const stalling: SagaSteps = { ...steps, capture_payment: { ...steps.capture_payment, invoke: async (c) => (await stall, steps.capture_payment.invoke(c)) } };
    const c = await newCheckout();
    // Each step counted as succeeded once, by the runner whose write stored it.
    const counted: Record<string, string[]> = { late: [], other: [] };
    const counting = (who: string) => ({ stepSucceeded: (step: CheckoutStepName) => counted[who]!.push(step) });
    const late = new SagaRunner(repository, stalling, logger, counting('late')).advance(c.id, { startedAtVersion: c.version });
    await until(async () => (stalled.log.includes('invoke confirm_order') ? true : undefined));
    // Stored: the pivot's start, as the authorization's write left it; what ran after it is not.
    expect(await repository.find(c.id)).toMatchObject({ state: 'running', currentStep: 'commit_stock' });

    const other = new ScriptedSteps();
    const done = await new SagaRunner(repository, other.steps(), logger, counting('other')).advance(c.id);
    expect(done.state).toBe('completed');
    expect(other.log).toEqual(fromPivot.map((s) => `invoke ${s}`)); // each idempotent: the same keys find the work done
    expect(other.attemptsSeen.commit_stock).toEqual([2]); // and the pivot knows it is a retry

    release();
    const after = await late;
    expect(after).toMatchObject({ state: 'completed', version: done.version });
    expect(await repository.find(c.id)).toMatchObject({ state: 'completed', version: done.version });
    expect(Object.values(await stepRows(c.id)).every((s) => s.startsWith('succeeded/'))).toBe(true);
    expect(counted.other).toEqual(fromPivot);
    expect(counted.late.filter((step) => fromPivot.includes(step as CheckoutStepName))).toEqual([]); // its write lost: none counted
  });

  it('a refusal compensates the completed steps newest first and records why', async () => {
    const scripted = new ScriptedSteps().script('authorize_payment', failed('PAYMENT_DECLINED', 'card_declined'));
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const c = await newCheckout();
    const done = await runner.advance(c.id, { startedAtVersion: c.version });
    expect(done).toMatchObject({ state: 'cancelled', failureCode: 'PAYMENT_DECLINED', failureReason: 'card_declined' });
    expect(scripted.log.filter((l) => l.startsWith('compensate'))).toEqual(['compensate reserve_stock', 'compensate create_order', 'compensate hold_coupon']);
    expect(await stepRows(c.id)).toMatchObject({ authorize_payment: 'failed/1', reserve_stock: 'compensated/2', create_order: 'compensated/2', hold_coupon: 'compensated/2' });
  });

  it('two processes running one saga at once: it completes once, every step succeeded, none left running', async () => {
    const a = new ScriptedSteps();
    const b = new ScriptedSteps();
    const c = await newCheckout();
    const results = await Promise.all([
      new SagaRunner(repository, a.steps(), logger).advance(c.id),
      new SagaRunner(repository, b.steps(), logger).advance(c.id),
    ]);
    // The loser may see the winner's step in progress and leave it to the winner ('running').
    expect(results.map((r) => r.state)).toContain('completed');
    expect(results.every((r) => r.state === 'completed' || r.state === 'running')).toBe(true);
    expect((await repository.find(c.id))?.state).toBe('completed');
    expect(Object.values(await stepRows(c.id)).every((s) => s.startsWith('succeeded/'))).toBe(true);
    const invoked = new Set([...a.log, ...b.log]);
    expect(invoked.size).toBe(CheckoutStepName.options.length); // both may try a step (idempotent), but every step was done and none twice in the record
  });

  it('jobs: a step that exhausts its retries goes dead; an admin retry runs it again to completion', async () => {
    const scripted = new ScriptedSteps().script('capture_payment', 'throw', 'throw', 'throw', 'throw');
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const jobs = testSagaJobs({ runner, repository, logger });
    stopAfter.push(() => jobs.stop());
    jobs.start();
    const c = await newCheckout();
    const prepared = await runner.advance(c.id, { until: 'create_order', startedAtVersion: c.version });
    await jobs.enqueue(prepared, { startedAtVersion: prepared.version });
    const dead = await until(async () => {
      const r = await repository.find(c.id);
      return r?.state === 'dead' ? r : undefined;
    });
    expect(dead).toMatchObject({ currentStep: 'capture_payment', deadFrom: 'running' });
    // One try in the job that moved the saga there, then a fresh job with the whole budget of 3.
    expect(scripted.attemptsSeen.capture_payment).toEqual([1, 2, 3, 4]);
    expect((await stepRows(c.id)).capture_payment).toBe('failed/4 capture_payment is down');

    const retried = await runner.retry(c.id);
    expect(retried).toMatchObject({ state: 'running', currentStep: 'capture_payment' });
    await jobs.enqueue(retried as CheckoutRecord);
    const done = await until(async () => {
      const r = await repository.find(c.id);
      return r?.state === 'completed' ? r : undefined;
    });
    expect(done.currentStep).toBeNull();
    expect(scripted.attemptsSeen.capture_payment).toEqual([1, 2, 3, 4, 5]);
  });

  it('after its request a saga runs on in this process to completed with no job; a step to retry becomes a delayed job that finishes it', async () => {
    const scripted = new ScriptedSteps();
    const settled = new Set<string>();
    const runner = new SagaRunner(repository, scripted.steps(), logger, { settled: (c) => settled.add(c.id) });
    const prefix = uniquePrefix();
    const jobs = testSagaJobs({ runner, repository, logger }, { prefix });
    stopAfter.push(() => jobs.stop());
    jobs.start();

    const smooth = await newCheckout();
    const prepared = await runner.advance(smooth.id, { until: 'create_order', startedAtVersion: smooth.version });
    const reads = vi.spyOn(repository, 'find');
    await jobs.continueAfterRequest(prepared, prepared.version);
    await until(async () => (settled.has(smooth.id) ? true : undefined));
    expect(reads).not.toHaveBeenCalled(); // it goes on from the checkout as the request left it, without reading it again
    reads.mockRestore();
    expect((await repository.find(smooth.id))?.state).toBe('completed');
    expect(await jobsAdded(prefix)).toEqual([]);

    const bumpy = await newCheckout();
    const preparedBumpy = await runner.advance(bumpy.id, { until: 'create_order', startedAtVersion: bumpy.version });
    scripted.script('capture_payment', 'throw');
    await jobs.continueAfterRequest(preparedBumpy, preparedBumpy.version);
    await until(async () => ((await repository.find(bumpy.id))?.state === 'completed' ? true : undefined));
    // The first try ran here; the retry was a job (at the position where the step failed).
    expect(scripted.attemptsSeen.capture_payment?.slice(-2)).toEqual([1, 2]);
    const added = await jobsAdded(prefix);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(new RegExp(`^${bumpy.id}\\.v\\d+$`));
    expect((await stepRows(bumpy.id)).capture_payment).toBe('succeeded/2 capture_payment is down'); // the failed try's error stays on record
  });

  it('after their requests at most SAGA_CONCURRENCY sagas run on here, the next is queued; stopping waits for the runs under way', async () => {
    const scripted = new ScriptedSteps();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const steps = scripted.steps();
    const held = new Set<string>();
    const gated: SagaSteps = {
      ...steps,
      authorize_payment: {
        ...steps.authorize_payment,
        invoke: async (c) => {
          if (held.has(c.id)) await gate;
          return steps.authorize_payment.invoke(c);
        },
      },
    };
    const runner = new SagaRunner(repository, gated, logger);
    const prefix = uniquePrefix();
    const jobs = testSagaJobs({ runner, repository, logger }, { prefix, concurrency: 1 });
    stopAfter.push(() => jobs.stop());
    jobs.start();

    const first = await newCheckout();
    held.add(first.id);
    const second = await newCheckout();
    const [a, b] = [await runner.advance(first.id, { until: 'create_order', startedAtVersion: first.version }), await runner.advance(second.id, { until: 'create_order', startedAtVersion: second.version })];
    await jobs.continueAfterRequest(a, a.version);
    await jobs.continueAfterRequest(b, b.version); // the one slot is taken: queued
    await until(async () => ((await repository.find(second.id))?.state === 'completed' ? true : undefined));
    expect(await jobsAdded(prefix)).toEqual([`${second.id}.v${b.version}`]);
    expect((await repository.find(first.id))?.state).toBe('running');
    // What the payments_sagas_running_after_request gauge reads at a scrape.
    const metrics = createPaymentsMetrics();
    metrics.countRunningAfterRequest(() => jobs.runningAfterRequest);
    const registry = new Registry();
    metrics.register(registry);
    expect(await registry.getSingleMetricAsString('payments_sagas_running_after_request')).toMatch(/^payments_sagas_running_after_request 1$/m);

    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await repository.find(first.id))?.state).toBe('completed');
    expect(await registry.getSingleMetricAsString('payments_sagas_running_after_request')).toMatch(/^payments_sagas_running_after_request 0$/m);
    expect(await jobsAdded(prefix)).toHaveLength(1);
  });

  it('jobs: the periodic recovery sweep finds a saga whose job was lost and finishes it; an abandoned request is undone', async () => {
    const scripted = new ScriptedSteps();
    const runner = new SagaRunner(repository, scripted.steps(), logger);
    const jobs = testSagaJobs({ runner, repository, logger }, { sweepMs: 200, staleMs: 100, abandonMs: 300 });
    stopAfter.push(() => jobs.stop());
    jobs.start();
    await sleep(300); // the sweep at start has run: only a later sweep can find what follows
    const lost = await newCheckout();
    await runner.advance(lost.id, { until: 'create_order', startedAtVersion: lost.version }); // "crashed" before enqueuing
    const abandoned = await newCheckout();
    await runner.advance(abandoned.id, { until: 'quote', startedAtVersion: abandoned.version }); // its request died holding the coupon
    await until(async () => ((await repository.find(lost.id))?.state === 'completed' ? true : undefined));
    const undone = await until(async () => {
      const r = await repository.find(abandoned.id);
      return r?.state === 'cancelled' ? r : undefined;
    });
    expect(undone).toMatchObject({ failureCode: 'CHECKOUT_ABANDONED' });
    // The hold's outcome is unknown: its compensation (release the coupon use) runs.
    expect(await stepRows(abandoned.id)).toMatchObject({ quote: 'succeeded/1', hold_coupon: 'compensated/2' });
  });
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(50);
  }
}
