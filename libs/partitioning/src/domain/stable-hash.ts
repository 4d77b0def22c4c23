/**
 * The hash every process uses to map a key (a SKU) to a partition. It is part of the wire
 * protocol between gateways and inventory instances: changing it moves every SKU, so it is frozen
 * (the spec pins test vectors). FNV-1a 32-bit over the key's UTF-8 bytes, then murmur3's fmix32
 * finalizer, because plain FNV-1a spreads keys that differ only in their last characters
 * (`SKU-0001`, `SKU-0002`) poorly over the low bits that `mod P` keeps.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvStep(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME);
}

/** FNV-1a 32-bit of the UTF-8 encoding of `key` (lone surrogates encode as U+FFFD, like TextEncoder). */
export function fnv1a32(key: string): number {
  let h = FNV_OFFSET_BASIS;
  // Encodes UTF-8 inline: the gateway hashes on every request, so no Buffer allocation.
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c < 0x80) {
      h = fnvStep(h, c);
      continue;
    }
    if (c < 0x800) {
      h = fnvStep(h, 0xc0 | (c >> 6));
      h = fnvStep(h, 0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < key.length ? key.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        h = fnvStep(h, 0xf0 | (c >> 18));
        h = fnvStep(h, 0x80 | ((c >> 12) & 0x3f));
        h = fnvStep(h, 0x80 | ((c >> 6) & 0x3f));
        h = fnvStep(h, 0x80 | (c & 0x3f));
        continue;
      }
      c = 0xfffd;
    }
    h = fnvStep(h, 0xe0 | (c >> 12));
    h = fnvStep(h, 0x80 | ((c >> 6) & 0x3f));
    h = fnvStep(h, 0x80 | (c & 0x3f));
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a bijection that makes every input bit affect every output bit. */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The stable 32-bit hash of a key: `fmix32(fnv1a32(key))`, an unsigned integer. */
export function stableHash32(key: string): number {
  return fmix32(fnv1a32(key));
}

/** Upper bound of the partition count: partitions are small integers in ids and arrays. */
export const MAX_PARTITIONS = 65_536;
export const DEFAULT_PARTITIONS = 64;

export function assertPartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new RangeError(`partitions must be an integer from 1 to ${MAX_PARTITIONS}, got ${partitions}`);
  }
}

/** The partition of a key: `stableHash32(key) mod partitions`. Same answer in every process and version. */
export function partitionOf(key: string, partitions: number): number {
  assertPartitionCount(partitions);
  return stableHash32(key) % partitions;
}
