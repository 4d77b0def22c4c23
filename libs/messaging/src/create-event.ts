import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@shop/contracts';
import type { z } from 'zod';
import { activeTraceparent } from './trace-context.js';

/** What a producer knows about a new event; the rest of the envelope is filled in. */
export interface NewEvent<P> {
  aggregateId: string;
  /** The aggregate's version after the change (consumers use it to drop stale events). */
  version: number;
  payload: P;
  /** The producing service, e.g. `catalog`. */
  source: string;
  correlationId?: string;
  causationId?: string;
  /** Defaults to now. */
  occurredAt?: Date;
}

/** The minimal shape of a `defineEvent(...)` result that `createEvent` needs. */
export interface EventTypeDefinition<T extends string = string, P extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly payload: P;
}

/**
 * Builds a complete envelope for `definition`: a fresh v4 event id, ISO timestamp, the payload
 * parsed by the definition's schema (a producer never emits an event its consumers would reject),
 * and the active trace's `traceparent` so consumers continue the same trace.
 */
export function createEvent<T extends string, P extends z.ZodType>(
  definition: EventTypeDefinition<T, P>,
  input: NewEvent<z.input<P>>,
): EventEnvelope<z.output<P>> & { eventType: T } {
  const payload = definition.payload.parse(input.payload) as z.output<P>;
  const metadata: EventEnvelope['metadata'] = { source: input.source };
  const traceparent = activeTraceparent();
  if (traceparent) metadata.traceparent = traceparent;
  if (input.correlationId) metadata.correlationId = input.correlationId;
  if (input.causationId) metadata.causationId = input.causationId;

  const envelope = {
    eventId: randomUUID(),
    eventType: definition.type,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    aggregateId: input.aggregateId,
    version: input.version,
    payload,
    metadata,
  };
  // Checks the parts the payload schema does not: event type format, aggregate id, version.
  EventEnvelope.parse(envelope);
  return envelope;
}

/**
 * Correlation for an event caused by handling `cause`: same correlation id (the cause's own id
 * when it started the chain), and the cause as causation. Spread it into `createEvent`'s input.
 */
export function causedBy(cause: Pick<EventEnvelope, 'eventId' | 'metadata'>): { correlationId: string; causationId: string } {
  return { correlationId: cause.metadata.correlationId ?? cause.eventId, causationId: cause.eventId };
}
