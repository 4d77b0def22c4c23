import { afterAll, describe, expect, it } from 'vitest';
import { pgPoolOf } from '@shop/persistence';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import { batchValues, TransitionBatcher, type BatchedTransition } from '../src/adapters/transition-batcher.js';
import type { CheckoutChange } from '../src/domain/checkout.js';
import { prismaClient, insertTestCheckout } from './payments-harness.js';

/**
 * Concurrent transitions go to Postgres together, and each keeps its meaning: applied only at its
 * expected version, its step records written only when it applied, each caller told its own outcome.
 */
describe('group commit of saga transitions', () => {
  const statements: string[] = [];
  const prisma = prismaClient();
  const pool = pgPoolOf(prisma);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const first = args[0] as { name?: string } | string;
      statements.push(typeof first === 'string' ? first : (first.name ?? ''));
      return query(...args);
    };
  });
  const repository = new CheckoutRepository(prisma);

  afterAll(async () => {
    await prisma.$disconnect();
  });

  const newCheckout = () => insertTestCheckout(repository);

  const quoteDone = (reservationId: string): CheckoutChange => ({
    state: 'running',
    currentStep: 'hold_coupon',
    deadFrom: null,
    attemptsDelta: 1,
    patch: { reservationId, currency: 'EUR', amount: 4200 },
    steps: [
      { step: 'quote', status: 'succeeded', attemptsDelta: 0 },
      { step: 'hold_coupon', status: 'running', attemptsDelta: 1 },
    ],
  });

  it('writes concurrent transitions in one statement, each applied at its own version with its own steps', async () => {
    const [a, b, c] = await Promise.all([newCheckout(), newCheckout(), newCheckout()]);
    statements.length = 0;
    const [ra, rb, stale, rc] = await Promise.all([
      repository.transition(a!.id, a!.version, quoteDone('res_a')),
      repository.transition(b!.id, b!.version, quoteDone('res_b')),
      // Decided on a version that is no longer current: changes nothing, told null.
      repository.transition(c!.id, c!.version + 5, quoteDone('res_stale')),
      repository.transition(c!.id, c!.version, {
        state: 'compensating',
        currentStep: 'quote',
        deadFrom: null,
        attemptsDelta: 0,
        failure: { code: 'OUT_OF_STOCK', reason: 'gone', details: { sku: 'X' } },
        steps: [{ step: 'quote', status: 'failed', attemptsDelta: 0, lastError: 'gone' }],
      }),
    ]);
    expect(statements.filter((s) => s.startsWith('payments_checkout_transition'))).toEqual(['payments_checkout_transition_batch']);

    expect(ra).toMatchObject({ id: a!.id, version: a!.version + 1, state: 'running', currentStep: 'hold_coupon', reservationId: 'res_a', amount: 4200, stepAttempts: 1 });
    expect(rb).toMatchObject({ id: b!.id, version: b!.version + 1, reservationId: 'res_b' });
    expect(stale).toBeNull();
    expect(rc).toMatchObject({ id: c!.id, version: c!.version + 1, state: 'compensating', reservationId: null, failureCode: 'OUT_OF_STOCK', failureDetails: { sku: 'X' } });
    expect(ra).not.toHaveProperty('batch_index');

    const steps = await Promise.all([a, b, c].map((x) => repository.steps(x!.id)));
    expect(steps[0]!.map((s) => [s.step, s.status, s.attempts])).toEqual([['quote', 'succeeded', 1], ['hold_coupon', 'running', 1]]);
    expect(steps[1]!.map((s) => [s.step, s.status, s.attempts])).toEqual([['quote', 'succeeded', 1], ['hold_coupon', 'running', 1]]);
    // Only the transition that applied wrote c's steps (the stale one's hold_coupon row is absent).
    expect(steps[2]!.map((s) => [s.step, s.status, s.lastError])).toEqual([['quote', 'failed', 'gone']]);
  });

  it('lets exactly one of two transitions decided on the same version apply, in one batch', async () => {
    const x = await newCheckout();
    const outcomes = await Promise.all([
      repository.transition(x.id, x.version, quoteDone('res_1')),
      repository.transition(x.id, x.version, quoteDone('res_2')),
    ]);
    const applied = outcomes.filter((o) => o !== null);
    expect(applied).toHaveLength(1);
    const stored = await repository.find(x.id);
    expect(stored).toMatchObject({ version: x.version + 1, reservationId: applied[0]!.reservationId, attempts: x.attempts + 1 });
    const steps = await repository.steps(x.id);
    expect(steps.find((s) => s.step === 'hold_coupon')?.attempts).toBe(1);
  });

  it('writes a lone transition in its own statement (no batch when nothing waits)', async () => {
    const x = await newCheckout();
    statements.length = 0;
    expect(await repository.transition(x.id, x.version, quoteDone('res_lone'))).toMatchObject({ version: x.version + 1 });
    expect(statements.filter((s) => s.startsWith('payments_checkout_transition'))).toEqual(['payments_checkout_transition_checkout']);
  });

  it('writes each transition on its own when the batch fails for another reason than an outage', async () => {
    const [a, b] = await Promise.all([newCheckout(), newCheckout()]);
    const calls: string[] = [];
    const single = async (t: BatchedTransition) => {
      calls.push(t.id);
      if (t.id === b.id) throw new Error('bad row');
      return (await repository.transition(t.id, t.expectedVersion, { ...t.change, payment: undefined })) as never;
    };
    const batcher = new TransitionBatcher(pool, single);
    // A state Postgres refuses fails the whole batch statement; then each goes alone.
    const bad = { ...quoteDone('res_bad'), state: 'no_such_state' } as unknown as CheckoutChange;
    const [ra, rb] = await Promise.allSettled([batcher.write({ id: a.id, expectedVersion: a.version, change: quoteDone('res_ok') }), batcher.write({ id: b.id, expectedVersion: b.version, change: bad })]);
    expect(calls.sort()).toEqual([a.id, b.id].sort());
    expect(ra.status).toBe('fulfilled');
    expect(rb).toMatchObject({ status: 'rejected', reason: new Error('bad row') });
    expect(await repository.find(a.id)).toMatchObject({ reservationId: 'res_ok' });
  });

  it('flattens the step records with the index of their transition', () => {
    const values = batchValues([
      { id: 'a', expectedVersion: 1, change: quoteDone('r') },
      { id: 'b', expectedVersion: 2, change: { ...quoteDone('r'), steps: [] } },
      { id: 'c', expectedVersion: 3, change: { ...quoteDone('r'), steps: [{ step: 'quote', status: 'failed', attemptsDelta: 0, lastError: 'x' }] } },
    ]);
    expect(values[0]).toEqual([0, 1, 2]);
    expect(values.slice(19)).toEqual([[0, 0, 2], ['quote', 'hold_coupon', 'quote'], ['succeeded', 'running', 'failed'], [0, 1, 0], [null, null, 'x']]);
  });
});
