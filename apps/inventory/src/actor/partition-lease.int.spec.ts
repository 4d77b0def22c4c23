import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@shop/observability';
import { testEnv } from '@shop/testing';
import { PartitionStore } from '../adapters/partition-store.js';
import { PartitionLease } from './partition-lease.js';

// Against the run's real, migrated database; partitions far above any test instance's.
const store = new PartitionStore({ databaseUrl: testEnv().databaseUrl, poolMax: 2, leaseTtlMs: 60_000 });
const logger = createLogger({ service: 'inventory-test', level: 'silent' });
let nextPartition = 10_000 + Math.floor(Math.random() * 1_000_000);
const leaseOf = (partition: number, owner: string) => new PartitionLease({ partition, owner, store, retryMs: 20, logger });
const loaded = () => Promise.resolve();
/** A signal nobody aborts: the instance keeps running. */
const running = () => new AbortController().signal;
/** A lease `owner` holds on `partition`. */
async function heldBy(partition: number, owner: string): Promise<PartitionLease> {
  const lease = leaseOf(partition, owner);
  await lease.acquire(running(), loaded);
  return lease;
}

afterAll(async () => {
  await store.pool.end();
});

describe('partition lease', () => {
  it('takes a free lease at the first attempt and writes under its token', async () => {
    const partition = nextPartition++;
    const lease = leaseOf(partition, 'me');
    expect(lease.token).toBeUndefined();
    expect(await lease.acquire(running(), loaded)).toBe(1);
    expect(await store.lease(partition)).toMatchObject({ owner: 'me', token: lease.token });
  });

  it('waits while another owner holds it, and takes it with a newer token once released', async () => {
    const partition = nextPartition++;
    const other = await heldBy(partition, 'other');
    const theirs = other.token!;
    const mine = leaseOf(partition, 'me');
    const taking = mine.acquire(running(), loaded);
    await new Promise((r) => setTimeout(r, 100));
    expect(mine.token).toBeUndefined();
    await other.release();
    expect(other.token).toBeUndefined();
    expect(await taking).toBeGreaterThan(1);
    expect(mine.token).toBeGreaterThan(theirs);
  });

  it('takes the lease again when loading under it failed, with a new token', async () => {
    const partition = nextPartition++;
    const lease = leaseOf(partition, 'me');
    const tokens: (number | undefined)[] = [];
    const attempts = await lease.acquire(running(), async () => {
      tokens.push(lease.token);
      if (tokens.length === 1) throw new Error('database went away while loading');
    });
    expect(attempts).toBe(2);
    expect(tokens[1]).toBe(tokens[0]! + 1);
  });

  it('stops trying when aborted (handover)', async () => {
    const partition = nextPartition++;
    await heldBy(partition, 'other');
    const stop = new AbortController();
    const taking = leaseOf(partition, 'me').acquire(stop.signal, loaded);
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await taking).toBeUndefined();
  });

  it('retakes after a fence only when the other owner is gone', async () => {
    const partition = nextPartition++;
    const mine = await heldBy(partition, 'me');
    const before = mine.token!;
    const thief = leaseOf(partition, 'thief');
    // The other owner takes it after our lease lapsed.
    // A second ago: expires_at is stored to the millisecond, rounded, so now() itself may round past the next statement's now().
    await store.pool.query(`UPDATE inventory.partition_lease SET expires_at = now() - interval '1 second' WHERE partition = $1`, [partition]);
    expect(await thief.retake()).toBe(true);
    expect(await mine.retake()).toBe(false);
    expect(mine.token).toBe(before);
    await thief.release();
    expect(await mine.retake()).toBe(true);
    expect(mine.token).toBe(before + 2);
  });

  it('releasing ends the lease at once, and only a lease still ours', async () => {
    const partition = nextPartition++;
    const mine = await heldBy(partition, 'me');
    await mine.release();
    expect((await store.lease(partition))!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    await mine.release(); // nothing held: nothing to do
    expect(mine.token).toBeUndefined();
  });
});
