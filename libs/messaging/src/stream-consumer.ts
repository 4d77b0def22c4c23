import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { EventEnvelope } from '@shop/contracts';
import { duplicateRedis, type RedisClient } from './redis-client.js';
import { deadLetterFields, REDELIVER_TO_FIELD } from './dead-letters.js';
import { afterFailure, beforeHandling } from './delivery-policy.js';
import { errorMessage, type LibraryLogger as MessagingLogger, silentLogger } from '@shop/observability';
import { parseAutoClaimReply, parseGroupsReply, parsePendingReply, parseReadReply, type StreamEntry } from './stream-replies.js';
import { deadLetterKey, streamKey } from './stream-keys.js';
import { contextFromTraceparent } from './trace-context.js';

/** Where a message came from and how often it was delivered; passed to handlers. */

/** A batch's handled messages are acknowledged at its end, or after this long if it runs longer. */
const ACK_FLUSH_MS = 250;

export interface DeliveryContext {
  stream: string;
  messageId: string;
  /** 1 on the first delivery; counts redeliveries to any consumer of the group, crashes included. */
  deliveryCount: number;
  group: string;
  consumer: string;
}

/** Handles one event. Resolve to acknowledge; throw to retry (or `PoisonMessageError` to dead-letter now). */
export type EventHandler = (envelope: EventEnvelope, delivery: DeliveryContext) => Promise<void>;

export interface StreamConsumerOptions {
  /** Used for acks, claims and dead letters; blocking reads use a duplicate connection per stream. */
  redis: RedisClient;
  prefix: string;
  /** Logical stream names, e.g. `events.catalog` (see `streamOf`). */
  streams: string | readonly string[];
  /** Consumer group: one per consuming service and purpose, e.g. `pricing.catalog-projection`. */
  group: string;
  /** This instance's name within the group; must be unique per running process. Default host-pid. */
  consumer?: string;
  handler: EventHandler;
  /** Deliveries before a failing message is dead-lettered. Default 5. */
  maxAttempts?: number;
  /** A pending message idle this long is reclaimed (crashed consumer) or retried (failed handler). Default 30 s. */
  claimIdleMs?: number;
  /** How often pending messages are scanned for reclaiming. Default min(claimIdleMs, 5 s). */
  claimIntervalMs?: number;
  /** Longest XREADGROUP BLOCK. Default 5 s. */
  blockMs?: number;
  /** Messages per read or claim. Default 10. */
  batchSize?: number;
  /**
   * Where a group created by this consumer starts. `beginning` (default) also handles what was
   * published before the group existed (idempotent handlers make that safe); `new` skips it.
   */
  startFrom?: 'beginning' | 'new';
  /** Approximate cap of the dead-letter stream. Default: not trimmed. */
  deadLetterMaxLen?: number;
  /**
   * The event types the handler acts on. An entry of another type (by the `eventType` field the
   * bus writes beside the envelope) is acknowledged unread: no parse, no span, no handler call.
   * A busy shared stream (every reservation on `events.inventory`) then costs a group that wants
   * one type little more than the read and the ack. Default: every type reaches the handler.
   */
  eventTypes?: readonly string[];
  logger?: MessagingLogger;
}

/** How far a consumer group trails one of its streams (read by `StreamConsumer.backlog()`). */
export interface StreamBacklog {
  stream: string;
  group: string;
  /** Entries not yet delivered to the group; null when Redis cannot tell or the group does not exist yet. */
  lag: number | null;
  /** Entries delivered to the group and not yet acknowledged; null when the group does not exist yet. */
  pending: number | null;
  /** Entries in the stream's dead-letter stream, whichever group gave up on them. */
  deadLetters: number;
}

type State = 'idle' | 'running' | 'stopping';

const tracer = trace.getTracer('@shop/messaging');

function isPoison(error: unknown): boolean {
  return error instanceof Error && error.name === 'PoisonMessageError';
}

function parseEnvelope(raw: string): { ok: true; envelope: EventEnvelope } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, error: `Envelope is not JSON: ${errorMessage(error)}` };
  }
  const parsed = EventEnvelope.safeParse(json);
  if (!parsed.success) return { ok: false, error: `Envelope does not match the contract: ${parsed.error.message}` };
  return { ok: true, envelope: parsed.data };
}

/**
 * A member of a Redis Streams consumer group: reads new messages, reclaims messages left pending
 * by crashed consumers (XAUTOCLAIM), retries failures until `maxAttempts`, and moves poison
 * messages to the dead-letter stream. Delivery is at least once: make handlers idempotent
 * (see `ProcessedEvents`). A retried message is handled after later ones, so handlers must not
 * assume stream order across retries (compare the aggregate `version`).
 */
export class StreamConsumer {
  readonly group: string;
  readonly consumer: string;
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly streams: readonly string[];
  private readonly handler: EventHandler;
  private readonly maxAttempts: number;
  private readonly claimIdleMs: number;
  private readonly claimIntervalMs: number;
  private readonly blockMs: number;
  private readonly batchSize: number;
  private readonly startId: '0' | '$';
  private readonly deadLetterMaxLen: number | undefined;
  private readonly eventTypes: ReadonlySet<string> | null;
  private readonly logger: MessagingLogger;

  private state: State = 'idle';
  /** Messages this process moved to the dead-letter stream, per stream (a counter's figures). */
  private readonly deadLettered = new Map<string, number>();
  private readers: RedisClient[] = [];
  private loops: Promise<void>[] = [];
  private stopSignal = new AbortController();

  constructor(options: StreamConsumerOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix;
    this.streams = typeof options.streams === 'string' ? [options.streams] : [...options.streams];
    this.group = options.group;
    this.consumer = options.consumer ?? `${hostname()}-${process.pid}`;
    this.handler = options.handler;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
    this.claimIntervalMs = options.claimIntervalMs ?? Math.min(this.claimIdleMs, 5_000);
    this.blockMs = options.blockMs ?? 5_000;
    this.batchSize = options.batchSize ?? 10;
    this.startId = options.startFrom === 'new' ? '$' : '0';
    this.deadLetterMaxLen = options.deadLetterMaxLen;
    this.eventTypes = options.eventTypes ? new Set(options.eventTypes) : null;
    this.logger = options.logger ?? silentLogger;

    if (this.streams.length === 0) throw new Error('StreamConsumer needs at least one stream');
    for (const stream of this.streams) streamKey(this.prefix, stream); // validates the names
    if (!(this.maxAttempts >= 1)) throw new Error('maxAttempts must be at least 1');
    for (const [name, value] of Object.entries({
      claimIdleMs: this.claimIdleMs,
      claimIntervalMs: this.claimIntervalMs,
      blockMs: this.blockMs,
      batchSize: this.batchSize,
    })) {
      if (!(Number.isInteger(value) && value > 0)) throw new Error(`${name} must be a positive integer`);
    }
  }

  /** Creates the group on each stream if missing, then consumes in the background until `stop()`. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`StreamConsumer ${this.group}/${this.consumer} is already started`);
    for (const stream of this.streams) await this.ensureGroup(streamKey(this.prefix, stream));
    this.state = 'running';
    this.stopSignal = new AbortController();
    // One loop and one blocking connection per stream: a multi-key XREADGROUP would not work on
    // Redis Cluster when the streams live in different slots.
    for (const stream of this.streams) {
      const reader = duplicateRedis(this.redis);
      reader.on('error', (error: unknown) =>
        this.logger.warn({ stream, group: this.group, err: errorMessage(error) }, 'stream reader connection error'),
      );
      this.readers.push(reader);
      this.loops.push(this.run(stream, reader));
    }
  }

  /**
   * Finishes the message being handled, then returns. Messages read but not yet handled stay
   * pending and are reclaimed by the group after `claimIdleMs`.
   */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.stopSignal.abort();
    // Closing the reader interrupts a blocking XREADGROUP at once.
    for (const reader of this.readers) reader.disconnect();
    await Promise.all(this.loops);
    this.readers = [];
    this.loops = [];
    this.state = 'idle';
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /**
   * The group's lag and pending entries on each stream (XINFO GROUPS) and each stream's dead
   * letters (XLEN): one pipeline per stream, whose two keys share a slot. Throws when Redis fails.
   */
  async backlog(): Promise<StreamBacklog[]> {
    const backlogs: StreamBacklog[] = [];
    for (const stream of this.streams) {
      const results = await this.redis.pipeline().xinfo('GROUPS', streamKey(this.prefix, stream)).xlen(deadLetterKey(this.prefix, stream)).exec();
      const [groups, deadLetters] = results ?? [];
      if (!groups || !deadLetters) throw new Error(`no reply to XINFO GROUPS and XLEN for ${stream}`);
      const [groupsError, groupsReply] = groups;
      const [lengthError, length] = deadLetters;
      if (lengthError) throw lengthError;
      // A stream that does not exist yet has no group: nothing trails it.
      if (groupsError && !errorMessage(groupsError).includes('no such key')) throw groupsError;
      const info = groupsError ? undefined : parseGroupsReply(groupsReply).find((group) => group.name === this.group);
      backlogs.push({ stream, group: this.group, lag: info?.lag ?? null, pending: info?.pending ?? null, deadLetters: Number(length) });
    }
    return backlogs;
  }

  /** Messages this consumer (this process) moved to each stream's dead-letter stream since it was built. */
  deadLetteredCounts(): { stream: string; group: string; count: number }[] {
    return this.streams.map((stream) => ({ stream, group: this.group, count: this.deadLettered.get(stream) ?? 0 }));
  }

  private async ensureGroup(key: string): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', key, this.group, this.startId, 'MKSTREAM');
    } catch (error) {
      if (!errorMessage(error).includes('BUSYGROUP')) throw error;
    }
  }

  private async run(stream: string, reader: RedisClient): Promise<void> {
    const key = streamKey(this.prefix, stream);
    let claimCursor = '0-0';
    let nextClaimAt = 0;
    while (this.state === 'running') {
      try {
        if (Date.now() >= nextClaimAt) {
          claimCursor = await this.reclaim(stream, key, claimCursor);
          // A partial scan of the pending list goes on at once; a complete one waits an interval.
          nextClaimAt = claimCursor === '0-0' ? Date.now() + this.claimIntervalMs : Date.now();
        }
        if (this.state !== 'running') break;
        const block = Math.max(1, Math.min(this.blockMs, nextClaimAt - Date.now()));
        const reply = await reader.xreadgroup(
          'GROUP', this.group, this.consumer, 'COUNT', this.batchSize, 'BLOCK', block, 'STREAMS', key, '>',
        );
        await this.deliverAll(stream, key, parseReadReply(reply).get(key) ?? [], () => 1);
      } catch (error) {
        if (this.state !== 'running') break;
        const message = errorMessage(error);
        this.logger.error({ stream, group: this.group, consumer: this.consumer, err: message }, 'stream consumer loop failed');
        if (message.includes('NOGROUP')) {
          // The stream or group was deleted under us: recreate and carry on.
          await this.ensureGroup(key).catch(() => undefined);
        }
        await sleep(1_000, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
      }
    }
  }

  /** One XAUTOCLAIM step from `cursor`: takes over messages idle for `claimIdleMs` and handles them. */
  private async reclaim(stream: string, key: string, cursor: string): Promise<string> {
    const reply = parseAutoClaimReply(
      await this.redis.xautoclaim(key, this.group, this.consumer, this.claimIdleMs, cursor, 'COUNT', this.batchSize),
    );
    if (reply.deletedIds.length > 0) {
      this.logger.warn({ stream, group: this.group, ids: reply.deletedIds }, 'pending messages were trimmed from the stream before being handled');
    }
    if (reply.entries.length === 0) return reply.cursor;
    const counts = await this.deliveryCounts(key, reply.entries.map((entry) => entry.id));
    await this.deliverAll(stream, key, reply.entries, (id) => counts.get(id) ?? 1);
    return reply.cursor;
  }

  /** Delivery counts from the pending entries (XAUTOCLAIM does not return them). */
  private async deliveryCounts(key: string, ids: readonly string[]): Promise<Map<string, number>> {
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.xpending(key, this.group, id, id, 1);
    const results = (await pipeline.exec()) ?? [];
    const counts = new Map<string, number>();
    for (const [error, reply] of results) {
      if (error) throw error;
      for (const pending of parsePendingReply(reply)) counts.set(pending.id, pending.deliveryCount);
    }
    return counts;
  }

  /**
   * Handles a batch in order and acknowledges what it handled (or skipped) in one XACK at the end,
   * also when a delivery throws part way: one round trip per batch instead of one per message.
   * A crash before the XACK redelivers those messages, as a crash before any acknowledgement
   * does; handlers are idempotent either way.
   */
  private async deliverAll(stream: string, key: string, entries: readonly StreamEntry[], deliveryCount: (id: string) => number): Promise<void> {
    let done: string[] = [];
    // A long batch acknowledges as it goes (well inside claimIdleMs), so another consumer never
    // reclaims a message this one handled and has not acknowledged yet.
    let flushAt = performance.now() + ACK_FLUSH_MS;
    try {
      for (const entry of entries) {
        if (this.state !== 'running') break;
        if ((await this.deliver(stream, key, entry, deliveryCount(entry.id))) === 'acknowledge') done.push(entry.id);
        if (done.length > 0 && performance.now() >= flushAt) {
          const ids = done;
          done = [];
          await this.redis.xack(key, this.group, ...ids);
          flushAt = performance.now() + ACK_FLUSH_MS;
        }
      }
    } finally {
      if (done.length > 0) await this.redis.xack(key, this.group, ...done);
    }
  }

  /** Handles one message: 'acknowledge' when it is done with (handled or not ours), 'keep' when it stays pending or was dead-lettered. */
  private async deliver(stream: string, key: string, entry: StreamEntry, deliveryCount: number): Promise<'acknowledge' | 'keep'> {
    // Deleted while pending (older Redis reports these as empty entries): nothing to handle.
    if (entry.fields === null) return 'acknowledge';
    const addressee = entry.fields[REDELIVER_TO_FIELD];
    // A dead letter re-delivered to another group (see redeliverDeadLetter): not ours to handle.
    if (addressee !== undefined && addressee !== this.group) return 'acknowledge';
    const eventType = entry.fields.eventType;
    if (this.eventTypes && eventType !== undefined && !this.eventTypes.has(eventType)) return 'acknowledge';
    const raw = entry.fields.envelope;
    if (raw === undefined) {
      await this.deadLetter(stream, key, entry.id, JSON.stringify(entry.fields), 'Stream entry has no envelope field', deliveryCount);
      return 'keep';
    }
    const parsed = parseEnvelope(raw);
    if (!parsed.ok) {
      await this.deadLetter(stream, key, entry.id, raw, parsed.error, deliveryCount);
      return 'keep';
    }
    const decision = beforeHandling(deliveryCount, this.maxAttempts);
    if (decision.action === 'dead-letter') {
      await this.deadLetter(stream, key, entry.id, raw, decision.reason, deliveryCount);
      return 'keep';
    }

    const delivery: DeliveryContext = {
      stream,
      messageId: entry.id,
      deliveryCount,
      group: this.group,
      consumer: this.consumer,
    };
    try {
      await this.invoke(parsed.envelope, delivery);
    } catch (error) {
      if (afterFailure(deliveryCount, this.maxAttempts, isPoison(error)) === 'dead-letter') {
        await this.deadLetter(stream, key, entry.id, raw, errorMessage(error), deliveryCount);
      } else {
        this.logger.warn(
          { stream, group: this.group, messageId: entry.id, eventId: parsed.envelope.eventId, deliveryCount, err: errorMessage(error) },
          'event handler failed; the message stays pending and is retried',
        );
      }
      return 'keep';
    }
    return 'acknowledge';
  }

  /** Runs the handler in a consumer span that continues the producer's trace. */
  private invoke(envelope: EventEnvelope, delivery: DeliveryContext): Promise<void> {
    const parent = contextFromTraceparent(envelope.metadata.traceparent);
    return tracer.startActiveSpan(
      `process ${delivery.stream}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'redis',
          'messaging.operation.type': 'process',
          'messaging.destination.name': delivery.stream,
          'messaging.consumer.group.name': delivery.group,
          'messaging.message.id': envelope.eventId,
          'messaging.event_type': envelope.eventType,
          'messaging.delivery_count': delivery.deliveryCount,
        },
      },
      parent,
      async (span) => {
        try {
          await this.handler(envelope, delivery);
        } catch (error) {
          span.recordException(error instanceof Error ? error : new Error(String(error)));
          span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Moves a message to the dead-letter stream and acknowledges it, atomically (same slot). */
  private async deadLetter(stream: string, key: string, messageId: string, raw: string, error: string, attempts: number): Promise<void> {
    const fields = deadLetterFields({
      envelope: raw,
      error,
      attempts,
      group: this.group,
      consumer: this.consumer,
      stream,
      messageId,
      deadAt: new Date().toISOString(),
    });
    const deadKey = deadLetterKey(this.prefix, stream);
    const transaction = this.redis.multi();
    if (this.deadLetterMaxLen === undefined) transaction.xadd(deadKey, '*', ...fields);
    else transaction.xadd(deadKey, 'MAXLEN', '~', this.deadLetterMaxLen, '*', ...fields);
    transaction.xack(key, this.group, messageId);
    const results = (await transaction.exec()) ?? [];
    for (const [failure] of results) if (failure) throw failure;
    this.deadLettered.set(stream, (this.deadLettered.get(stream) ?? 0) + 1);
    this.logger.error({ stream, group: this.group, messageId, attempts, err: error }, 'message moved to the dead-letter stream');
  }
}
