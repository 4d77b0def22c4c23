/** Parsers for the raw Redis stream replies ioredis hands back untyped (RESP2 arrays). */

export interface StreamEntry {
  id: string;
  /** Field/value pairs; null when the entry was deleted (trimmed) while pending. */
  fields: Record<string, string> | null;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number') return String(value);
  throw new Error(`Unexpected value in a stream reply: ${typeof value}`);
}

function toFields(raw: unknown): Record<string, string> | null {
  if (raw === null || raw === undefined) return null;
  if (!Array.isArray(raw)) throw new Error('Unexpected stream entry fields');
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) fields[toText(raw[i])] = toText(raw[i + 1]);
  return fields;
}

function toEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item: unknown) => {
    if (!Array.isArray(item)) throw new Error('Unexpected stream entry');
    return { id: toText(item[0]), fields: toFields(item[1]) };
  });
}

/** XREADGROUP/XREAD reply (`[[key, entries]...]` or null) → entries per stream key. */
export function parseReadReply(reply: unknown): Map<string, StreamEntry[]> {
  const byKey = new Map<string, StreamEntry[]>();
  if (!Array.isArray(reply)) return byKey;
  for (const item of reply) {
    if (!Array.isArray(item)) continue;
    byKey.set(toText(item[0]), toEntries(item[1]));
  }
  return byKey;
}

export interface AutoClaimReply {
  /** Where the next XAUTOCLAIM continues; `0-0` once the whole pending list was scanned. */
  cursor: string;
  entries: StreamEntry[];
  /** Pending ids whose entries no longer exist (Redis drops them from the pending list itself). */
  deletedIds: string[];
}

/** XAUTOCLAIM reply `[cursor, entries, deletedIds?]`. */
export function parseAutoClaimReply(reply: unknown): AutoClaimReply {
  if (!Array.isArray(reply)) throw new Error('Unexpected XAUTOCLAIM reply');
  const deleted = Array.isArray(reply[2]) ? reply[2].map(toText) : [];
  return { cursor: toText(reply[0]), entries: toEntries(reply[1]), deletedIds: deleted };
}

export interface PendingEntry {
  id: string;
  consumer: string;
  idleMs: number;
  deliveryCount: number;
}

/** Extended XPENDING reply `[[id, consumer, idle, deliveries]...]`. */
export function parsePendingReply(reply: unknown): PendingEntry[] {
  if (!Array.isArray(reply)) return [];
  return reply.map((item: unknown) => {
    if (!Array.isArray(item)) throw new Error('Unexpected XPENDING entry');
    return {
      id: toText(item[0]),
      consumer: toText(item[1]),
      idleMs: Number(item[2]),
      deliveryCount: Number(item[3]),
    };
  });
}

/** XRANGE/XREVRANGE reply (`[[id, [field, value...]]...]`) → entries. */
export function parseRangeReply(reply: unknown): StreamEntry[] {
  return toEntries(reply);
}

export interface GroupInfo {
  name: string;
  /** Entries delivered to the group's consumers and not yet acknowledged. */
  pending: number;
  /** Entries not yet delivered to the group; null when Redis cannot tell (entries deleted in between). */
  lag: number | null;
}

/** XINFO GROUPS reply (one flat `[field, value, ...]` array per group; `lag` since Redis 7). */
export function parseGroupsReply(reply: unknown): GroupInfo[] {
  if (!Array.isArray(reply)) throw new Error('Unexpected XINFO GROUPS reply');
  return reply.map((raw: unknown) => {
    if (!Array.isArray(raw)) throw new Error('Unexpected XINFO GROUPS entry');
    const info = new Map<string, unknown>();
    for (let i = 0; i + 1 < raw.length; i += 2) info.set(toText(raw[i]), raw[i + 1]);
    const lag = info.get('lag');
    return {
      name: toText(info.get('name')),
      pending: Number(toText(info.get('pending'))),
      lag: lag === null || lag === undefined ? null : Number(toText(lag)),
    };
  });
}
