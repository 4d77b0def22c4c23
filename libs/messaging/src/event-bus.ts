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

  /** The Redis key of a logical stream such as `events.catalog`. */
  keyOf(stream: string): string {
    return streamKey(this.prefix, stream);
  }
}
