import { describe, expect, it } from 'vitest';
import { fenceAfterProbe, LagTracker, parseLsn, readTargetOf, rotationOf, type ReplicaHealth, type RotationPolicy } from './replica-rotation.js';

const policy: RotationPolicy = { maxLagSeconds: 5, probeStaleAfterMs: 3_000 };
const measured = (at: number, seconds: number, replayLsn = 100n): ReplicaHealth => ({ kind: 'measured', at, lag: { bytes: 0n, seconds }, replayLsn });

describe('parseLsn', () => {
  it('reads both halves of a WAL position as one byte offset', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it('refuses anything else', () => {
    expect(() => parseLsn('16B374D848')).toThrow(/not a WAL position/);
    expect(() => parseLsn('')).toThrow(/not a WAL position/);
  });
});

describe('LagTracker', () => {
  it('says 0 while the replica keeps up, however long nobody writes', () => {
    const lag = new LagTracker();
    expect(lag.record({ at: 0, primaryLsn: 100n, replayLsn: 100n })).toEqual({ bytes: 0n, seconds: 0 });
    expect(lag.record({ at: 60_000, primaryLsn: 100n, replayLsn: 100n })).toEqual({ bytes: 0n, seconds: 0 });
  });

  it('counts from the first probe that saw WAL the replica still lacks', () => {
    const lag = new LagTracker();
    expect(lag.record({ at: 1_000, primaryLsn: 200n, replayLsn: 100n })).toEqual({ bytes: 100n, seconds: 0 });
    expect(lag.record({ at: 2_000, primaryLsn: 300n, replayLsn: 100n })).toEqual({ bytes: 200n, seconds: 1 });
    expect(lag.record({ at: 4_500, primaryLsn: 300n, replayLsn: 150n })).toEqual({ bytes: 150n, seconds: 3.5 });
  });

  it('moves on to the next missing position once the older one is replayed', () => {
    const lag = new LagTracker();
    lag.record({ at: 1_000, primaryLsn: 200n, replayLsn: 100n });
    lag.record({ at: 2_000, primaryLsn: 300n, replayLsn: 100n });
    // 200 replayed: what is still missing was first seen at 2 s.
    expect(lag.record({ at: 5_000, primaryLsn: 300n, replayLsn: 250n })).toEqual({ bytes: 50n, seconds: 3 });
    expect(lag.record({ at: 6_000, primaryLsn: 300n, replayLsn: 300n })).toEqual({ bytes: 0n, seconds: 0 });
  });
});

describe('rotationOf', () => {
  it('keeps a fresh measurement within the lag limit in rotation', () => {
    expect(rotationOf(measured(10_000, 5), 11_000, policy)).toEqual({ inRotation: true });
  });

  it('takes the replica out when it lags more than allowed', () => {
    expect(rotationOf(measured(10_000, 5.5), 10_000, policy)).toEqual({ inRotation: false, reason: 'lagging' });
  });

  it('takes it out when the last measurement is too old (the probe hangs or fails on the primary)', () => {
    expect(rotationOf(measured(10_000, 0), 13_000, policy)).toEqual({ inRotation: true });
    expect(rotationOf(measured(10_000, 0), 13_001, policy)).toEqual({ inRotation: false, reason: 'probe-stale' });
  });

  it('keeps it out before the first probe, while unreachable, and when it is no standby', () => {
    expect(rotationOf({ kind: 'not-probed' }, 0, policy)).toEqual({ inRotation: false, reason: 'not-probed' });
    expect(rotationOf({ kind: 'unreachable', at: 0, error: 'ECONNREFUSED' }, 0, policy)).toEqual({ inRotation: false, reason: 'unreachable' });
    expect(rotationOf({ kind: 'not-a-replica', at: 0 }, 0, policy)).toEqual({ inRotation: false, reason: 'not-a-replica' });
  });
});

describe('readTargetOf', () => {
  it('reads from the replica in rotation when nothing was written', () => {
    expect(readTargetOf(measured(0, 0), { kind: 'none' }, 0, policy)).toBe('replica');
  });

  it('reads from the primary when the replica is out of rotation', () => {
    expect(readTargetOf(measured(0, 9), { kind: 'none' }, 0, policy)).toBe('primary');
    expect(readTargetOf({ kind: 'unreachable', at: 0, error: 'x' }, { kind: 'none' }, 0, policy)).toBe('primary');
  });

  it('reads its own writes: the primary until the replica replayed past the write', () => {
    expect(readTargetOf(measured(0, 0, 100n), { kind: 'at', lsn: 150n }, 0, policy)).toBe('primary');
    expect(readTargetOf(measured(0, 0, 150n), { kind: 'at', lsn: 150n }, 0, policy)).toBe('replica');
    expect(readTargetOf(measured(0, 0, 500n), { kind: 'unknown', since: 0 }, 0, policy)).toBe('primary');
  });
});

describe('fenceAfterProbe', () => {
  it('lifts a fence the replica has replayed and keeps one it has not', () => {
    expect(fenceAfterProbe({ kind: 'at', lsn: 150n }, { at: 0, primaryLsn: 200n, replayLsn: 150n })).toEqual({ kind: 'none' });
    expect(fenceAfterProbe({ kind: 'at', lsn: 150n }, { at: 0, primaryLsn: 200n, replayLsn: 120n })).toEqual({ kind: 'at', lsn: 150n });
    expect(fenceAfterProbe({ kind: 'none' }, { at: 0, primaryLsn: 200n, replayLsn: 120n })).toEqual({ kind: 'none' });
  });

  it("turns an unknown fence into the primary's position read after the write, never before", () => {
    expect(fenceAfterProbe({ kind: 'unknown', since: 1_000 }, { at: 1_000, primaryLsn: 200n, replayLsn: 120n })).toEqual({ kind: 'unknown', since: 1_000 });
    expect(fenceAfterProbe({ kind: 'unknown', since: 1_000 }, { at: 1_001, primaryLsn: 200n, replayLsn: 120n })).toEqual({ kind: 'at', lsn: 200n });
    expect(fenceAfterProbe({ kind: 'unknown', since: 1_000 }, { at: 1_001, primaryLsn: 200n, replayLsn: 200n })).toEqual({ kind: 'none' });
  });
});
