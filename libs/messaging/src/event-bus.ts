import { EventEnvelope, streamOf } from '@shop/contracts';
import type { RedisClient } from './redis-client.js';
import { streamKey } from './stream-keys.js';

export interface EventBusOptions {
  redis: RedisClient;
  /** Prefix of every key (per deployment, per test run). */
  prefix: string;
  /**
   * Streams are trimmed to about this many entries (`MAXLEN ~`, cheap because Redis trims whole
   * nodes). Consumers must keep up within this window; the outbox keeps the durable record.
   */
  maxLen?: number;
}

export const DEFAULT_STREAM_MAX_LEN = 100_000;

/**
 * Appends one stream's entries in order in one round trip, stopping at the first one Redis
 * refuses (a script runs whole, so nothing else lands between them). KEYS[1]: the stream;
 * ARGV[1]: MAXLEN; then (envelope, eventType) pairs. Answers the ids appended and the refusal's
 * message ('' when there was none).
 */
const APPEND_IN_ORDER = `
local ids = {}
for i = 2, #ARGV, 2 do
  local id = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'envelope', ARGV[i], 'eventType', ARGV[i + 1])
  if type(id) == 'table' and id.err then return {ids, id.err} end
  ids[#ids + 1] = id
end
return {ids, ''}`;

/** What `publishAll` did: which envelopes went out, and why the first one that did not. */
export interface PublishAllResult {
  /** Per envelope, in the order given: appended to its stream. */
  appended: boolean[];
  /** The first refusal (an invalid envelope, Redis refusing or unreachable); undefined when all went out. */
  failure?: Error;
}

/** Publishes event envelopes to their context's Redis stream (`events.<context>`). */
export class EventBus {
  readonly prefix: string;
  private readonly redis: RedisClient;
  private readonly maxLen: number;

  constructor(options: EventBusOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix;
    this.maxLen = options.maxLen ?? DEFAULT_STREAM_MAX_LEN;
  }

  /** Appends the envelope to its stream; resolves to the stream entry id. */
  async publish(envelope: EventEnvelope): Promise<string> {
    // A malformed envelope would only be dead-lettered by every consumer: refuse it here.
    const valid = EventEnvelope.parse(envelope);
    const id = await this.redis.xadd(
      this.keyOf(streamOf(valid.eventType)),
      'MAXLEN',
      '~',
      this.maxLen,
      '*',
      'envelope',
      JSON.stringify(envelope),
      'eventType',
      valid.eventType,
    );
    if (id === null) throw new Error(`XADD to ${streamOf(valid.eventType)} returned no id`);
    return id;
  }

  /**
   * Appends many envelopes with one round trip per stream (the outbox relay's batch). Within a
   * stream they go out in the order given and stop at the first that cannot (invalid, or refused
   * by Redis): a later event of an aggregate never overtakes an earlier one. Other streams are
   * not held up by it. When a stream's round trip itself fails (Redis unreachable), none of its
   * envelopes counts as appended, though some may have been: publishing is at least once.
   */
  async publishAll(envelopes: readonly EventEnvelope[]): Promise<PublishAllResult> {
    const appended = envelopes.map(() => false);
    const byStream = new Map<string, { index: number; eventType: string; json: string }[]>();
    const invalidFrom = new Map<string, Error>();
    envelopes.forEach((envelope, index) => {
      const parsed = EventEnvelope.safeParse(envelope);
      // A type the envelope schema rejects has no stream to hold up: it fails on its own.
      const eventType: unknown = parsed.success ? parsed.data.eventType : (envelope as { eventType?: unknown } | null)?.eventType;
      const stream = typeof eventType === 'string' ? streamOf(eventType) : undefined;
      if (stream !== undefined && invalidFrom.has(stream)) return;
      if (!parsed.success) {
        const error = new Error(`invalid event envelope ${String((envelope as { eventId?: unknown } | null)?.eventId)}: ${parsed.error.message}`);
        invalidFrom.set(stream ?? `#${index}`, error);
        return;
      }
      const entries = byStream.get(stream!) ?? [];
      entries.push({ index, eventType: parsed.data.eventType, json: JSON.stringify(envelope) });
      byStream.set(stream!, entries);
    });
    const failures = [...invalidFrom.values()];
    await Promise.all(
      [...byStream].map(async ([stream, entries]) => {
        const args: (string | number)[] = [this.maxLen];
        for (const entry of entries) args.push(entry.json, entry.eventType);
        try {
          const [ids, refusal] = (await this.redis.eval(APPEND_IN_ORDER, 1, this.keyOf(stream), ...args)) as [string[], string];
          for (let i = 0; i < ids.length; i++) appended[entries[i]!.index] = true;
          if (refusal) failures.push(new Error(`Redis refused an event for ${stream}: ${refusal}`));
        } catch (error) {
          failures.push(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return failures.length > 0 ? { appended, failure: failures[0] } : { appended };
  }

  /** The Redis key of a logical stream such as `events.catalog`. */
  keyOf(stream: string): string {
    return streamKey(this.prefix, stream);
  }
}
