import { type RedisClient, scanKeys } from './redis-client.js';
import { parseRangeReply, parseReadReply, type StreamEntry } from './stream-replies.js';
import { deadLetterKey, streamKey } from './stream-keys.js';

/** A message a consumer group gave up on, as stored in `<prefix>{<stream>}.dead`. */
export interface DeadLetter {
  /** Id of the entry in the dead-letter stream. */
  id: string;
  /** The original `envelope` field, unparsed (it may be what made the message poison). */
  envelope: string;
  error: string;
  attempts: number;
  group: string;
  consumer: string;
  stream: string;
  /** Id of the original entry in `stream`. */
  messageId: string;
  deadAt: string;
}

/** The stream fields of a dead letter (everything but its own id). */
export function deadLetterFields(letter: Omit<DeadLetter, 'id'>): string[] {
  return [
    'envelope', letter.envelope,
    'error', letter.error,
    'attempts', String(letter.attempts),
    'group', letter.group,
    'consumer', letter.consumer,
    'stream', letter.stream,
    'messageId', letter.messageId,
    'deadAt', letter.deadAt,
  ];
}

function toDeadLetter(entry: StreamEntry): DeadLetter | null {
  const f = entry.fields;
  if (!f) return null;
  return {
    id: entry.id,
    envelope: f.envelope ?? '',
    error: f.error ?? '',
    attempts: Number(f.attempts ?? 0),
    group: f.group ?? '',
    consumer: f.consumer ?? '',
    stream: f.stream ?? '',
    messageId: f.messageId ?? '',
    deadAt: f.deadAt ?? '',
  };
}

/** Reads dead letters of a logical stream, oldest first (for tools, admin pages and tests). */
export async function readDeadLetters(
  redis: RedisClient,
  prefix: string,
  stream: string,
  options: { after?: string; count?: number } = {},
): Promise<DeadLetter[]> {
  const key = deadLetterKey(prefix, stream);
  const reply = await redis.xread('COUNT', options.count ?? 100, 'STREAMS', key, options.after ?? '0-0');
  const entries = parseReadReply(reply).get(key) ?? [];
  return entries.map(toDeadLetter).filter((letter): letter is DeadLetter => letter !== null);
}

/** Marks a re-delivered message: only this consumer group handles it; the others acknowledge it unread. */
export const REDELIVER_TO_FIELD = 'redeliverTo';
/** On a re-delivered message: the dead letter it came from. */
export const REDELIVERED_FROM_FIELD = 'redeliveredFrom';

const DEAD_LETTER_ID = /^\d{1,20}-\d{1,20}$/;

/** A Redis SCAN pattern that matches `text` literally. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Logical streams that have a dead-letter stream (found by SCAN), with how many letters each holds. */
export async function deadLetterStreams(redis: RedisClient, prefix: string): Promise<{ stream: string; count: number }[]> {
  const keys = await scanKeys(redis, `${globLiteral(prefix)}{*}.dead`, { type: 'stream' });
  const streams = keys
    .map((key) => /^\{([^{}]+)\}\.dead$/.exec(key.slice(prefix.length))?.[1])
    .filter((stream): stream is string => stream !== undefined)
    .sort();
  // One XLEN each, not one pipeline: on a cluster the streams live in different slots.
  const lengths = await Promise.all(streams.map((stream) => redis.xlen(deadLetterKey(prefix, stream))));
  return streams.map((stream, i) => ({ stream, count: lengths[i] ?? 0 }));
}

/**
 * Dead letters of a logical stream, newest first: from the newest, or from `from` (its id,
 * itself included unless `exclusive`).
 */
export async function readDeadLettersNewestFirst(
  redis: RedisClient,
  prefix: string,
  stream: string,
  options: { from?: string; exclusive?: boolean; count: number },
): Promise<DeadLetter[]> {
  const end = options.from === undefined ? '+' : options.exclusive ? `(${options.from}` : options.from;
  const reply: unknown = await redis.xrevrange(deadLetterKey(prefix, stream), end, '-', 'COUNT', options.count);
  return parseRangeReply(reply).map(toDeadLetter).filter((letter): letter is DeadLetter => letter !== null);
}

/** One dead letter, or null when it is not (or no longer) there. */
export async function findDeadLetter(redis: RedisClient, prefix: string, stream: string, id: string): Promise<DeadLetter | null> {
  if (!DEAD_LETTER_ID.test(id)) return null;
  const [entry] = parseRangeReply(await redis.xrange(deadLetterKey(prefix, stream), id, id));
  return entry ? toDeadLetter(entry) : null;
}

/**
 * Appends the dead letter's envelope to its stream again, addressed to the consumer group that
 * gave up on it (the other groups acknowledge it without handling it), and removes the letter,
 * in one step: two retries of one letter re-deliver it once. Returns the new stream entry's id,
 * or null when the letter is not (or no longer) there.
 */
const REDELIVER_SCRIPT = `
local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entry == 0 then return false end
local fields = entry[1][2]
local envelope, group
for i = 1, #fields, 2 do
  if fields[i] == 'envelope' then envelope = fields[i + 1] end
  if fields[i] == 'group' then group = fields[i + 1] end
end
if not envelope or not group then return false end
local id = redis.call('XADD', KEYS[2], '*', 'envelope', envelope, ARGV[2], group, ARGV[3], ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
return id
`;

export async function redeliverDeadLetter(redis: RedisClient, prefix: string, stream: string, id: string): Promise<string | null> {
  if (!DEAD_LETTER_ID.test(id)) return null;
  // Both keys carry the stream's hash tag: one slot, so the script also runs on a cluster.
  const result = await redis.eval(REDELIVER_SCRIPT, 2, deadLetterKey(prefix, stream), streamKey(prefix, stream), id, REDELIVER_TO_FIELD, REDELIVERED_FROM_FIELD);
  return typeof result === 'string' ? result : null;
}

/** Deletes a dead letter for good; false when it was not there. */
export async function discardDeadLetter(redis: RedisClient, prefix: string, stream: string, id: string): Promise<boolean> {
  if (!DEAD_LETTER_ID.test(id)) return false;
  return (await redis.xdel(deadLetterKey(prefix, stream), id)) === 1;
}
