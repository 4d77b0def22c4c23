import type { InstanceInfo } from './instance-info.js';
import type { PartitionAssigner } from './partition-assigner.js';
import { assertPartitionCount, fmix32, fnv1a32 } from './stable-hash.js';

interface Candidate {
  id: string;
  /** Two independent hashes of the id, so that two ids colliding on one still differ. */
  primary: number;
  secondary: number;
}

const SECONDARY_SALT = 'rendezvous:';

function candidatesOf(instances: readonly InstanceInfo[]): Candidate[] {
  const ids = [...new Set(instances.map((i) => i.id))];
  return ids.map((id) => ({ id, primary: fnv1a32(id), secondary: fnv1a32(SECONDARY_SALT + id) }));
}

/** The partition's own salt; the golden-ratio step keeps consecutive partitions far apart before mixing. */
function partitionSalt(partition: number): number {
  return fmix32(Math.imul(partition + 1, 0x9e3779b1));
}

function winner(partition: number, candidates: readonly Candidate[]): string | undefined {
  const salt = partitionSalt(partition);
  let best: Candidate | undefined;
  let bestPrimary = -1;
  let bestSecondary = -1;
  for (const c of candidates) {
    const primary = fmix32(c.primary ^ salt);
    const secondary = fmix32(c.secondary ^ salt);
    const wins =
      best === undefined ||
      primary > bestPrimary ||
      (primary === bestPrimary && (secondary > bestSecondary || (secondary === bestSecondary && c.id < best.id)));
    if (wins) {
      best = c;
      bestPrimary = primary;
      bestSecondary = secondary;
    }
  }
  return best?.id;
}

/**
 * Rendezvous (highest-random-weight) hashing: each partition goes to the instance whose
 * weight `hash(instance, partition)` is highest. When an instance leaves, only its partitions move
 * (each to its runner-up); when one joins, it takes exactly the partitions where it now wins,
 * about 1/N of them, and nothing else moves. The weights depend only on ids, so the result does
 * not depend on the order in which instances were listed.
 *
 * Balance is statistical (each instance gets P/N ± about √(P/N)); with 64 partitions and a few
 * instances one may own noticeably more than another. Raise P for a finer spread.
 */
export class RendezvousAssigner implements PartitionAssigner {
  assign(partitions: number, instances: readonly InstanceInfo[]): Map<number, string> {
    assertPartitionCount(partitions);
    const candidates = candidatesOf(instances);
    const owners = new Map<number, string>();
    if (candidates.length === 0) return owners;
    for (let p = 0; p < partitions; p++) owners.set(p, winner(p, candidates)!);
    return owners;
  }

  ownerOf(partition: number, instances: readonly InstanceInfo[]): string | undefined {
    if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`partition must be a non-negative integer, got ${partition}`);
    return winner(partition, candidatesOf(instances));
  }
}
