import type { EventEnvelope } from '@shop/contracts';
import type { z } from 'zod';
import type { EventTypeDefinition } from './create-event.js';
import { PoisonMessageError } from './poison-message-error.js';

/** One event type's handler, with its payload parsed by the type's schema. */
export interface EventRoute<A extends unknown[] = []> {
  readonly eventType: string;
  handle(envelope: EventEnvelope, ...rest: A): Promise<void>;
}

/**
 * Binds a handler to one event definition. The payload is parsed with the definition's schema
 * before the handler runs; a payload that does not parse is a poison message (retrying cannot fix it).
 */
export function on<T extends string, P extends z.ZodType, A extends unknown[] = []>(
  definition: EventTypeDefinition<T, P>,
  handler: (envelope: EventEnvelope<z.output<P>> & { eventType: T }, ...rest: A) => Promise<void>,
): EventRoute<A> {
  return {
    eventType: definition.type,
    async handle(envelope, ...rest) {
      const parsed = definition.payload.safeParse(envelope.payload);
      if (!parsed.success) {
        throw new PoisonMessageError(`Payload of ${definition.type} does not match its contract: ${parsed.error.message}`);
      }
      await handler({ ...envelope, eventType: definition.type, payload: parsed.data as z.output<P> }, ...rest);
    },
  };
}

export interface RouteEventsOptions {
  /**
   * What to do with an event type no route handles. A stream carries every event of a bounded
   * context and a consumer usually cares about a few, so the default is to ignore (and ack) it.
   */
  unknownEventType?: 'ignore' | 'dead-letter';
}

/** One handler for a stream out of per-type routes: `routeEvents([on(ProductCreatedV1, ...), ...])`. */
export function routeEvents<A extends unknown[] = []>(
  routes: readonly EventRoute<A>[],
  options: RouteEventsOptions = {},
): (envelope: EventEnvelope, ...rest: A) => Promise<void> {
  const byType = new Map<string, EventRoute<A>>();
  for (const route of routes) {
    if (byType.has(route.eventType)) throw new Error(`Two routes for event type ${route.eventType}`);
    byType.set(route.eventType, route);
  }
  return async (envelope, ...rest) => {
    const route = byType.get(envelope.eventType);
    if (route) return route.handle(envelope, ...rest);
    if (options.unknownEventType === 'dead-letter') {
      throw new PoisonMessageError(`No handler for event type ${envelope.eventType}`);
    }
  };
}
