import { describe, expect, it } from 'vitest';
import type { InstanceInfo } from './instance-info.js';
import { RendezvousAssigner } from './rendezvous-assigner.js';

const assigner = new RendezvousAssigner();

function instances(count: number, tag = 'inventory'): InstanceInfo[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${tag}-${i}`, url: `http://10.0.0.${i}:3004`, service: 'inventory' }));
}

function shares(owners: Map<number, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of owners.values()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe('RendezvousAssigner', () => {
  it('assigns every partition to a listed instance, and nothing when there is none', () => {
    const list = instances(3);
    const owners = assigner.assign(64, list);
    expect([...owners.keys()]).toEqual(Array.from({ length: 64 }, (_, p) => p));
    for (const id of owners.values()) expect(list.map((i) => i.id)).toContain(id);
    expect(assigner.assign(64, []).size).toBe(0);
    expect(assigner.ownerOf(3, [])).toBeUndefined();
  });

  it('gives the same answer for any order of the same instances, duplicates ignored', () => {
    const list = instances(7);
    const expected = assigner.assign(256, list);
    expect(assigner.assign(256, [...list].reverse())).toEqual(expected);
    expect(assigner.assign(256, [list[3]!, ...list, list[0]!].sort((a, b) => a.url.localeCompare(b.url)))).toEqual(expected);
    expect(new RendezvousAssigner().assign(256, list)).toEqual(expected);
    for (let p = 0; p < 256; p++) expect(assigner.ownerOf(p, [...list].reverse())).toBe(expected.get(p));
  });

  it('moves only the partitions of an instance that leaves', () => {
    const list = instances(5);
    const before = assigner.assign(512, list);
    const gone = list[2]!.id;
    const after = assigner.assign(512, list.filter((i) => i.id !== gone));
    for (const [p, owner] of before) {
      if (owner === gone) expect(after.get(p)).not.toBe(gone);
      else expect(after.get(p)).toBe(owner);
    }
  });

  it('gives a joining instance about 1/N of the partitions, all taken from others, and moves nothing else', () => {
    const list = instances(4);
    const before = assigner.assign(1024, list);
    const newcomer: InstanceInfo = { id: 'inventory-new', url: 'http://10.0.0.99:3004', service: 'inventory' };
    const after = assigner.assign(1024, [...list, newcomer]);
    let moved = 0;
    for (const [p, owner] of after) {
      if (owner !== before.get(p)) {
        moved += 1;
        expect(owner).toBe(newcomer.id);
      }
    }
    // Expected 1024/5 ≈ 205.
    expect(moved).toBeGreaterThan(1024 / 5 / 1.5);
    expect(moved).toBeLessThan((1024 / 5) * 1.5);
  });

  it('balances partitions across instances', () => {
    const owners = assigner.assign(1024, instances(8));
    const counts = [...shares(owners).values()];
    expect(counts).toHaveLength(8);
    // Mean 128, standard deviation about 11.
    expect(Math.min(...counts)).toBeGreaterThan(128 * 0.7);
    expect(Math.max(...counts)).toBeLessThan(128 * 1.3);
    // The default 64 partitions over 4 instances: coarser, still bounded.
    for (let set = 0; set < 50; set++) {
      const small = [...shares(assigner.assign(64, instances(4, `set${set}`))).values()];
      expect(small).toHaveLength(4);
      expect(Math.max(...small)).toBeLessThanOrEqual(30);
    }
  });

  it('refuses a negative or fractional partition', () => {
    expect(() => assigner.ownerOf(-1, instances(2))).toThrow(RangeError);
    expect(() => assigner.ownerOf(1.5, instances(2))).toThrow(RangeError);
  });
});
