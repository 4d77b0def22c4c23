import { Failed, FailureCode, type DeadLetterPage, type DeadLetterRetried, type DeadLetterStreamList, type DeadLetterView, type ListDeadLettersQuery } from '@shop/contracts';
import { deadLetterStreams, discardDeadLetter, findDeadLetter, readDeadLettersNewestFirst, redeliverDeadLetter, type DeadLetter, type RedisClient } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import { unavailable } from '@shop/service-kit';
import { decodeListingCursor, mergePage, readFrom } from '../domain/dead-letter-listing.js';

/**
 * The dead letters of every consumer group, for the admin console: list them with their error,
 * re-deliver one to the group that gave up on it (consumers are idempotent by event id), or
 * discard it. Redis holds them; Redis away answers 503 and the next call works again.
 */
export class DeadLetterOperations {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async streams(): Promise<DeadLetterStreamList> {
    return { items: await this.onRedis(() => deadLetterStreams(this.redis, this.prefix)) };
  }

  async list(query: ListDeadLettersQuery): Promise<DeadLetterPage> {
    const cursor = query.cursor === undefined ? undefined : decodeListingCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw Failed.of(FailureCode.INVALID_CURSOR, 'cursor does not belong to this listing');
    return this.onRedis(async () => {
      const streams = query.stream ? [query.stream] : (await deadLetterStreams(this.redis, this.prefix)).map((s) => s.stream);
      const perStream = await Promise.all(
        streams.map(async (stream) => {
          const letters = await readDeadLettersNewestFirst(this.redis, this.prefix, stream, { ...readFrom(stream, cursor), count: query.limit + 1 });
          return letters.map((letter) => toView(letter, stream));
        }),
      );
      return mergePage(perStream, query.limit);
    });
  }

  async retry(stream: string, id: string, byAdminId: string): Promise<DeadLetterRetried> {
    return this.onRedis(async () => {
      const letter = await findDeadLetter(this.redis, this.prefix, stream, id);
      const redeliveredAs = letter ? await redeliverDeadLetter(this.redis, this.prefix, stream, id) : null;
      if (!letter || !redeliveredAs) throw notFound(stream, id);
      this.logger.info({ stream, id, group: letter.group, redeliveredAs, byAdminId }, 'dead letter re-delivered');
      return { id, stream, group: letter.group, redeliveredAs };
    });
  }

  async discard(stream: string, id: string, byAdminId: string): Promise<void> {
    await this.onRedis(async () => {
      if (!(await discardDeadLetter(this.redis, this.prefix, stream, id))) throw notFound(stream, id);
      this.logger.info({ stream, id, byAdminId }, 'dead letter discarded');
    });
  }

  /** Expected failures pass; anything else is Redis failing us: 503, and the next call tries again. */
  private async onRedis<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof Failed) throw err;
      this.logger.warn({ err }, 'dead letters: Redis call failed');
      throw unavailable('Redis, where the dead letters are, is unavailable; retry shortly');
    }
  }
}

function notFound(stream: string, id: string): Failed {
  return Failed.of(FailureCode.NOT_FOUND, `No dead letter ${id} in ${stream}`, { stream, id });
}

function toView(letter: DeadLetter, stream: string): DeadLetterView {
  let eventId: string | null = null;
  let eventType: string | null = null;
  try {
    const parsed: unknown = JSON.parse(letter.envelope);
    if (parsed && typeof parsed === 'object') {
      const { eventId: id, eventType: type } = parsed as Record<string, unknown>;
      if (typeof id === 'string') eventId = id;
      if (typeof type === 'string') eventType = type;
    }
  } catch {
    // A poison envelope that is not even JSON: shown raw.
  }
  return {
    id: letter.id,
    stream,
    group: letter.group,
    consumer: letter.consumer,
    messageId: letter.messageId,
    error: letter.error,
    attempts: letter.attempts,
    deadAt: letter.deadAt,
    envelope: letter.envelope,
    eventId,
    eventType,
  };
}
