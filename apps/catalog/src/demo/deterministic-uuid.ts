import { createHash } from 'node:crypto';

/**
 * A v4-shaped UUID derived from a stable key (e.g. "product:merino-crew-tee"), so seeding the
 * same demo row twice targets the same primary key and updates it instead of duplicating it.
 */
export function deterministicUuid(key: string): string {
  const bytes = createHash('sha256').update(`flashshop-demo:${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
