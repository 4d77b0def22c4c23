import { describe, expect, it } from 'vitest';
import { FrameCoalescer } from './frame-coalescer.js';

/** A sender that records each frame and answers each item with a function of it. */
function recording<I, O>(answer: (items: readonly I[]) => Promise<readonly O[]>) {
  const frames: I[][] = [];
  const send = (items: readonly I[]) => {
    frames.push([...items]);
    return answer(items);
  };
  return { frames, send };
}

describe('FrameCoalescer', () => {
  it('sends the items submitted in one event-loop turn as one frame, in order, and gives each its own answer', async () => {
    const { frames, send } = recording<number, string>(async (items) => items.map((n) => `answer-${n}`));
    const coalescer = new FrameCoalescer(send, () => 'failed', 64);
    const answers = await Promise.all([1, 2, 3, 4].map((n) => coalescer.submit(n)));
    expect(frames).toEqual([[1, 2, 3, 4]]);
    expect(answers).toEqual(['answer-1', 'answer-2', 'answer-3', 'answer-4']);
  });

  it('a lone request leaves at the end of its turn, and the next turn makes a new frame', async () => {
    const { frames, send } = recording<number, number>(async (items) => items.map((n) => n * 10));
    const coalescer = new FrameCoalescer(send, () => -1, 64);
    expect(await coalescer.submit(1)).toBe(10);
    expect(await coalescer.submit(2)).toBe(20);
    expect(frames).toEqual([[1], [2]]);
  });

  it('a full frame leaves at once; the rest go in the next frame, several in flight', async () => {
    const releases: (() => void)[] = [];
    const { frames, send } = recording<number, number>((items) => new Promise((resolve) => releases.push(() => resolve(items.map((n) => -n)))));
    const coalescer = new FrameCoalescer(send, () => 0, 3);
    const pending = [1, 2, 3, 4, 5].map((n) => coalescer.submit(n));
    expect(frames).toEqual([[1, 2, 3]]); // sent before the turn ended
    await new Promise((resolve) => setImmediate(resolve));
    expect(frames).toEqual([[1, 2, 3], [4, 5]]);
    releases[1]!(); // the second frame may answer first
    releases[0]!();
    expect(await Promise.all(pending)).toEqual([-1, -2, -3, -4, -5]);
  });

  it('per-item outcomes stay per item: one refused item does not change the others', async () => {
    const { send } = recording<{ ok: boolean }, number>(async (items) => items.map((item) => (item.ok ? 201 : 400)));
    const coalescer = new FrameCoalescer(send, () => 503, 64);
    const answers = await Promise.all([{ ok: true }, { ok: false }, { ok: true }].map((item) => coalescer.submit(item)));
    expect(answers).toEqual([201, 400, 201]);
  });

  it('a failed frame (rejected, or the wrong number of answers) answers every item of it with the failure, and the next frame works', async () => {
    let mode: 'reject' | 'short' | 'ok' = 'reject';
    const coalescer = new FrameCoalescer<number, string>(
      async (items) => {
        if (mode === 'reject') throw new Error('connection refused');
        if (mode === 'short') return ['only one'];
        return items.map(String);
      },
      (error) => `503: ${(error as Error).message}`,
      64,
    );
    expect(await Promise.all([1, 2].map((n) => coalescer.submit(n)))).toEqual(['503: connection refused', '503: connection refused']);
    mode = 'short';
    expect(await Promise.all([1, 2].map((n) => coalescer.submit(n)))).toEqual(['503: a frame of 2 items got 1 answers', '503: a frame of 2 items got 1 answers']);
    mode = 'ok';
    expect(await Promise.all([7, 8].map((n) => coalescer.submit(n)))).toEqual(['7', '8']);
  });

  it('refuses a frame size below one', () => {
    expect(() => new FrameCoalescer(async () => [], () => undefined, 0)).toThrow('at least one item');
  });
});
