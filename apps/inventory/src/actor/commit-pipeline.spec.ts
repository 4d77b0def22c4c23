import { describe, expect, it } from 'vitest';
import type { BatchDelta, ItemWrite } from '../domain/batch-delta.js';
import { CommitPipeline, NOTHING_TO_COMMIT, PIPELINE_DEPTH, settledCommit, type Flight } from './commit-pipeline.js';

function delta(inserts: Pick<ItemWrite, 'reservationId' | 'sku'>[] = []): BatchDelta {
  return {
    stock: [],
    headerInserts: [],
    headerTransitions: [],
    itemInserts: inserts.map((i) => ({ ...i, quantity: 1, customerId: null, limitKeys: [], status: 'held', expiresAt: 0, createdAt: 0 })),
    holdTransitions: [],
    ledger: [],
    restocks: [],
    limits: [],
    limitsRemoved: [],
    events: [],
    holdsAdded: [],
    holdsRemoved: [],
    usage: [],
    taken: [],
    headers: [],
    reloadAfterCommit: false,
  };
}

function flight(name: string, options: { pipelined?: boolean; inserts?: Pick<ItemWrite, 'reservationId' | 'sku'>[]; done?: Promise<unknown> } = {}): Flight<string> {
  return { batch: [name], outcomes: [], delta: delta(options.inserts), started: 0, pipelined: options.pipelined ?? true, done: options.done ?? NOTHING_TO_COMMIT };
}

function deferred(): { promise: Promise<unknown>; resolve: (value: unknown) => void } {
  let resolve!: (value: unknown) => void;
  const promise = new Promise<unknown>((r) => (resolve = r));
  return { promise, resolve };
}

describe('commit pipeline', () => {
  it('holds two batches at most', () => {
    expect(PIPELINE_DEPTH).toBe(2);
    const pipeline = new CommitPipeline<string>();
    expect(pipeline.hasRoom).toBe(true);
    pipeline.add(flight('a'));
    expect(pipeline.hasRoom).toBe(true);
    pipeline.add(flight('b'));
    expect(pipeline.hasRoom).toBe(false);
    expect(pipeline.admits(true)).toBe(false);
    expect(pipeline.size).toBe(2);
  });

  it('admits any batch when empty, and only a pipelined batch behind pipelined ones', () => {
    const pipeline = new CommitPipeline<string>();
    expect(pipeline.admits(false)).toBe(true);
    expect(pipeline.admits(true)).toBe(true);
    pipeline.add(flight('reserve', { pipelined: true }));
    expect(pipeline.admits(true)).toBe(true);
    expect(pipeline.admits(false)).toBe(false);

    const behindAdmin = new CommitPipeline<string>();
    behindAdmin.add(flight('setStock', { pipelined: false }));
    expect(behindAdmin.admits(true)).toBe(false);
    expect(behindAdmin.admits(false)).toBe(false);
  });

  it('chains a batch to the first row of the newest batch in flight that writes', () => {
    const pipeline = new CommitPipeline<string>(3);
    expect(pipeline.chainLink()).toBeUndefined();
    pipeline.add(flight('a', { inserts: [{ reservationId: 'r1', sku: 'A' }, { reservationId: 'r1', sku: 'B' }] }));
    expect(pipeline.chainLink()).toEqual({ reservationId: 'r1', sku: 'A' });
    // Replays only (nothing written): the chain skips it.
    pipeline.add(flight('replays'));
    expect(pipeline.chainLink()).toEqual({ reservationId: 'r1', sku: 'A' });
    pipeline.add(flight('c', { inserts: [{ reservationId: 'r2', sku: 'C' }] }));
    expect(pipeline.chainLink()).toEqual({ reservationId: 'r2', sku: 'C' });
  });

  it('answers in order: the head leaves when it committed', () => {
    const pipeline = new CommitPipeline<string>();
    pipeline.add(flight('a'));
    pipeline.add(flight('b'));
    expect(pipeline.head?.batch).toEqual(['a']);
    expect(pipeline.shift()?.batch).toEqual(['a']);
    expect(pipeline.head?.batch).toEqual(['b']);
    expect(pipeline.hasRoom).toBe(true);
  });

  it('when the head fails, the batch behind it leaves too, once it is answered', async () => {
    const pipeline = new CommitPipeline<string>();
    const behind = deferred();
    pipeline.add(flight('a', { done: Promise.resolve(new Error('refused')) }));
    pipeline.add(flight('b', { done: behind.promise }));
    let abandoned: Flight<string>[] | undefined;
    const abandoning = pipeline.abandon().then((failed) => (abandoned = failed));
    expect(pipeline.size).toBe(0);
    await new Promise((r) => setImmediate(r));
    // The batch behind is still travelling: nothing may be decided again before it answered.
    expect(abandoned).toBeUndefined();
    behind.resolve(new Error('chained to a refused batch'));
    await abandoning;
    expect(abandoned?.map((f) => f.batch[0])).toEqual(['a', 'b']);
  });

  it('clear empties it at once', () => {
    const pipeline = new CommitPipeline<string>();
    pipeline.add(flight('a', { done: new Promise(() => undefined) }));
    expect(pipeline.clear().map((f) => f.batch[0])).toEqual(['a']);
    expect(pipeline.size).toBe(0);
  });

  it('a settled commit resolves to undefined once committed, else to its error, and never rejects', async () => {
    expect(await settledCommit(Promise.resolve())).toBeUndefined();
    const error = new Error('fenced');
    expect(await settledCommit(Promise.reject(error))).toBe(error);
    expect(await settledCommit(Promise.reject(undefined))).toEqual(new Error('commit failed'));
    expect(await NOTHING_TO_COMMIT).toBeUndefined();
  });
});
