/**
 * The read replica's decisions as pure code: how far behind it is (from WAL positions sampled on
 * the primary and the replica), whether it is in rotation, and where one read goes.
 */

/** A WAL position as Postgres prints it ("16/B374D848") turned into a byte offset. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** One probe: the primary's WAL position, then the position the replica has replayed. */
export interface LagSample {
  /** When the primary's position was read (ms since the epoch). */
  at: number;
  primaryLsn: bigint;
  replayLsn: bigint;
}

export interface Lag {
  /** WAL the primary has written that the replica has not replayed yet. */
  bytes: bigint;
  /**
   * How long the replica has been missing something the primary had: 0 when it had replayed
   * everything the primary had written at the last probe. Measured at probe granularity.
   */
  seconds: number;
}

/**
 * Replication lag in seconds from WAL positions. `now() - pg_last_xact_replay_timestamp()` on
 * the replica grows while nobody writes, so instead this remembers when the primary reached each
 * position the replica had not replayed yet: the lag is the age of the oldest one still missing.
 */
export class LagTracker {
  /** Primary positions (with when they were seen) that the replica had not replayed, oldest first. */
  private missing: { at: number; lsn: bigint }[] = [];

  record(sample: LagSample): Lag {
    this.missing = this.missing.filter((m) => m.lsn > sample.replayLsn);
    if (sample.primaryLsn > sample.replayLsn) this.missing.push({ at: sample.at, lsn: sample.primaryLsn });
    const oldest = this.missing[0];
    return {
      bytes: sample.primaryLsn > sample.replayLsn ? sample.primaryLsn - sample.replayLsn : 0n,
      seconds: oldest ? Math.max(0, sample.at - oldest.at) / 1000 : 0,
    };
  }
}

/** What the last probe (or the last read on the replica) found. */
export type ReplicaHealth =
  | { kind: 'not-probed' }
  | { kind: 'unreachable'; at: number; error: string }
  /** It answers but is no standby (promoted, or the URL names a primary): it no longer follows ours. */
  | { kind: 'not-a-replica'; at: number }
  | { kind: 'measured'; at: number; lag: Lag; replayLsn: bigint };

export interface RotationPolicy {
  /** Taken out of rotation above this lag. */
  maxLagSeconds: number;
  /** A measurement older than this no longer counts (the probe hangs or stopped). */
  probeStaleAfterMs: number;
}

export type OutOfRotationReason = 'not-probed' | 'unreachable' | 'not-a-replica' | 'lagging' | 'probe-stale';
export type Rotation = { inRotation: true } | { inRotation: false; reason: OutOfRotationReason };

export function rotationOf(health: ReplicaHealth, now: number, policy: RotationPolicy): Rotation {
  if (health.kind !== 'measured') return { inRotation: false, reason: health.kind };
  if (now - health.at > policy.probeStaleAfterMs) return { inRotation: false, reason: 'probe-stale' };
  if (health.lag.seconds > policy.maxLagSeconds) return { inRotation: false, reason: 'lagging' };
  return { inRotation: true };
}

/**
 * The WAL position the replica must have replayed before it may answer reads again: set after
 * this service writes (read-your-writes). `unknown` when the primary's position could not be
 * read after a write: reads stay on the primary until a later probe tells a position.
 */
export type WriteFence = { kind: 'none' } | { kind: 'at'; lsn: bigint } | { kind: 'unknown'; since: number };

export type ReadTarget = 'replica' | 'primary';

/** One read: the replica when it is in rotation and has replayed this service's last write. */
export function readTargetOf(health: ReplicaHealth, fence: WriteFence, now: number, policy: RotationPolicy): ReadTarget {
  if (!rotationOf(health, now, policy).inRotation || health.kind !== 'measured') return 'primary';
  if (fence.kind === 'unknown') return 'primary';
  if (fence.kind === 'at' && health.replayLsn < fence.lsn) return 'primary';
  return 'replica';
}

/**
 * The fence once a probe measured the replica: a fence of unknown position becomes the primary's
 * position at a probe that read it later than the write (so past it); a fence the replica has
 * replayed is lifted.
 */
export function fenceAfterProbe(fence: WriteFence, sample: LagSample): WriteFence {
  if (fence.kind === 'unknown' && sample.at <= fence.since) return fence;
  const lsn = fence.kind === 'unknown' ? sample.primaryLsn : fence.kind === 'at' ? fence.lsn : undefined;
  if (lsn === undefined || sample.replayLsn >= lsn) return { kind: 'none' };
  return { kind: 'at', lsn };
}
