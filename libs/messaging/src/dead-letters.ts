import type { Redis } from 'ioredis';
import { parseReadReply, type StreamEntry } from './stream-replies.js';
import { deadLetterKey } from './stream-keys.js';

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
  redis: Redis,
  prefix: string,
  stream: string,
  options: { after?: string; count?: number } = {},
): Promise<DeadLetter[]> {
  const key = deadLetterKey(prefix, stream);
  const reply = await redis.xread('COUNT', options.count ?? 100, 'STREAMS', key, options.after ?? '0-0');
  const entries = parseReadReply(reply).get(key) ?? [];
  return entries.map(toDeadLetter).filter((letter): letter is DeadLetter => letter !== null);
}
