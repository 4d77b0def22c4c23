import { describe, expect, it } from 'vitest';
import type { InstanceInfo } from './domain/instance-info.js';
import { PartitionAssignment } from './domain/partition-assignment.js';
import { RendezvousAssigner } from './domain/rendezvous-assigner.js';
import type { LiveInstanceSource } from './instance-registry.js';
import type { LibraryLogger as PartitioningLogger } from '@shop/observability';
import { type AssignmentChange, PartitionRouter } from './partition-router.js';

/** A live-instance list the test edits; `failWith` makes the next reads fail. */
class ListSource implements LiveInstanceSource {
  instances: InstanceInfo[] = [];
  failWith: Error | undefined;
  reads = 0;
  async liveInstances(): Promise<InstanceInfo[]> {
    this.reads += 1;
    const snapshot = [...this.instances];
    const failure = this.failWith;
    await Promise.resolve();
    if (failure) throw failure;
    return snapshot;
  }
}

function recordingLogger(): PartitioningLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (_: Record<string, unknown>, message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

const inst = (id: string, url = `http://${id}:3004`): InstanceInfo => ({ id, url, service: 'inventory' });

describe('PartitionRouter', () => {
  it('routes by the assignment of the live instances it last read', async () => {
    const source = new ListSource();
    const router = new PartitionRouter({ source, partitions: 32 });
    expect(router.instanceFor('sku-1')).toBeUndefined();
    source.instances = [inst('b'), inst('a')];
    await router.refresh();
    const expected = PartitionAssignment.build(32, source.instances, new RendezvousAssigner());
    for (const sku of ['sku-1', 'sku-2', 'tee-black-m']) {
      expect(router.partitionOf(sku)).toBe(expected.partitionOf(sku));
      expect(router.instanceFor(sku)).toEqual(expected.instanceFor(sku));
    }
    expect(router.partitionsOwnedBy('a')).toEqual(expected.partitionsOwnedBy('a'));
    expect(router.ownerOfPartition(5)).toEqual(expected.ownerOfPartition(5));
    expect(router.instances.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('tells listeners, in order, which partitions moved, and only when some did', async () => {
    const source = new ListSource();
    const router = new PartitionRouter({ source, partitions: 64 });
    const changes: AssignmentChange[] = [];
    const order: string[] = [];
    router.onChange(async (change) => {
      order.push('first');
      await Promise.resolve();
      changes.push(change);
    });
    const unsubscribe = router.onChange(() => void order.push('second'));

    source.instances = [inst('a'), inst('b')];
    await router.refresh();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.moved).toHaveLength(64);
    expect(order).toEqual(['first', 'second']);

    await router.refresh(); // same instances: no change
    expect(changes).toHaveLength(1);

    const ownedByB = router.partitionsOwnedBy('b');
    source.instances = [inst('a')];
    await router.refresh();
    expect(changes[1]!.moved).toEqual(ownedByB);
    expect(changes[1]!.previous.partitionsOwnedBy('b')).toEqual(ownedByB);
    expect(changes[1]!.current.partitionsOwnedBy('a')).toHaveLength(64);

    unsubscribe();
    source.instances = [inst('a', 'http://a:9999')];
    await router.refresh();
    expect(changes[2]!.moved).toHaveLength(64); // every partition's owner URL changed
    expect(order).toEqual(['first', 'second', 'first', 'second', 'first']);
  });

  it('keeps the last view when the source fails, and logs a failing listener without stopping', async () => {
    const source = new ListSource();
    const logger = recordingLogger();
    const router = new PartitionRouter({ source, partitions: 8, logger });
    router.onChange(() => {
      throw new Error('listener broke');
    });
    source.instances = [inst('a')];
    await router.refresh();
    expect(logger.lines).toContain('partition assignment listener failed');
    source.failWith = new Error('redis down');
    await expect(router.refresh()).rejects.toThrow('redis down');
    expect(router.instanceFor('x')?.id).toBe('a');
  });

  it('coalesces refresh calls made during a refresh into one later refresh', async () => {
    const source = new ListSource();
    const router = new PartitionRouter({ source, partitions: 8 });
    source.instances = [inst('a')];
    const first = router.refresh();
    source.instances = [inst('b')]; // changed after the first read started
    const second = router.refresh();
    const third = router.refresh();
    expect(third).toBe(second);
    expect((await first).instances.map((i) => i.id)).toEqual(['a']);
    expect((await second).instances.map((i) => i.id)).toEqual(['b']);
    expect(source.reads).toBe(2);
  });

  it('refreshes periodically after start() and stops on stop()', async () => {
    const source = new ListSource();
    const logger = recordingLogger();
    source.failWith = new Error('not yet');
    const router = new PartitionRouter({ source, partitions: 8, refreshMs: 10, logger });
    await router.start(); // a failing first read is logged, not thrown
    expect(logger.lines).toContain('cannot read live instances; keeping the last view');
    const changed = new Promise<AssignmentChange>((resolve) => router.onChange(resolve));
    source.failWith = undefined;
    source.instances = [inst('a')];
    expect((await changed).current.instances.map((i) => i.id)).toEqual(['a']);
    await router.stop();
    const reads = source.reads;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(source.reads).toBe(reads);
  });

  it('refuses bad settings', () => {
    const source = new ListSource();
    expect(() => new PartitionRouter({ source, partitions: 0 })).toThrow(RangeError);
    expect(() => new PartitionRouter({ source, refreshMs: 0 })).toThrow(RangeError);
  });
});
