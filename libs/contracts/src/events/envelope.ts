import { z } from 'zod';

/** `<context>.<aggregate>.<event>.v<major>`, e.g. `catalog.product.updated.v1`. */
export const EventType = z.string().regex(/^[a-z]+(\.[a-z-]+)+\.v\d+$/, 'must look like context.aggregate.event.v1');

export const EventMetadata = z.object({
  traceparent: z.string().optional(),
  correlationId: z.string().optional(),
  causationId: z.string().optional(),
  source: z.string(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** The one envelope every event travels in, on every stream. */
export const EventEnvelope = z.object({
  eventId: z.string().uuid(),
  eventType: EventType,
  occurredAt: z.string().datetime(),
  aggregateId: z.string().min(1),
  version: z.number().int().min(0),
  payload: z.unknown(),
  metadata: EventMetadata,
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };

/** Which stream an event type travels on: `events.<context>`. */
export function streamOf(eventType: string): string {
  const context = eventType.split('.')[0];
  return `events.${context}`;
}

/** Builds a typed event definition so producers and consumers share one schema per type. */
export function defineEvent<T extends string, P extends z.ZodType>(type: T, payload: P) {
  return { type, payload, stream: streamOf(type) } as const;
}
export type EventDefinition<P extends z.ZodType = z.ZodType> = { type: string; payload: P; stream: string };
