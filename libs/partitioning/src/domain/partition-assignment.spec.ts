import { describe, expect, it } from 'vitest';
import type { InstanceInfo } from './instance-info.js';
import { PartitionAssignment } from './partition-assignment.js';
import { RendezvousAssigner } from './rendezvous-assigner.js';
import { partitionOf } from './stable-hash.js';

const assigner = new RendezvousAssigner();
const a: InstanceInfo = { id: 'a', url: 'http://a:1', service: 'inventory' };
const b: InstanceInfo = { id: 'b', url: 'http://b:1', service: 'inventory' };
const c: InstanceInfo = { id: 'c', url: 'http://c:1', service: 'inventory' };

describe('PartitionAssignment', () => {
  it('answers owner lookups from the assigner’s result', () => {
    const assignment = PartitionAssignment.build(64, [c, a, b], assigner);
    const owners = assigner.assign(64, [a, b, c]);
    expect(assignment.toMap()).toEqual(owners);
    expect(assignment.instances.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    const sku = 'tee-black-m';
    expect(assignment.partitionOf(sku)).toBe(partitionOf(sku, 64));
    expect(assignment.instanceFor(sku)?.id).toBe(owners.get(partitionOf(sku, 64)));
    const owned = [a, b, c].map((i) => assignment.partitionsOwnedBy(i.id));
    expect(owned.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 64 }, (_, p) => p));
    for (const p of owned[1]!) expect(assignment.ownerOfPartition(p)).toEqual(b);
    expect(assignment.partitionsOwnedBy('nobody')).toEqual([]);
    expect(assignment.ownerOfPartition(64)).toBeUndefined();
  });

  it('owns nothing when no instance is live', () => {
    const empty = PartitionAssignment.empty(16);
    expect(empty.instanceFor('x')).toBeUndefined();
    expect(empty.toMap().size).toBe(0);
    expect(PartitionAssignment.build(16, [], assigner).movedSince(empty)).toEqual([]);
  });

  it('lists moved partitions: owner changes, URL changes, everything against another partition count', () => {
    const before = PartitionAssignment.build(64, [a, b, c], assigner);
    const withoutB = PartitionAssignment.build(64, [a, c], assigner);
    expect(withoutB.movedSince(before)).toEqual(before.partitionsOwnedBy('b'));
    const bMoved = PartitionAssignment.build(64, [a, { ...b, url: 'http://b:2' }, c], assigner);
    expect(bMoved.movedSince(before)).toEqual(before.partitionsOwnedBy('b'));
    expect(bMoved.sameInstancesAs(before)).toBe(false);
    expect(PartitionAssignment.build(64, [b, c, a], assigner).movedSince(before)).toEqual([]);
    expect(PartitionAssignment.build(64, [b, c, a], assigner).sameInstancesAs(before)).toBe(true);
    expect(PartitionAssignment.build(32, [a, b, c], assigner).movedSince(before)).toHaveLength(32);
    expect(PartitionAssignment.empty(64).movedSince(before)).toHaveLength(64);
  });
});
