import { randomUUID } from 'node:crypto';
import { streamOf, type EventEnvelope } from '@shop/contracts';
import type { DomainEvent } from '../domain/batch-delta.js';

export const INVENTORY_SOURCE = 'inventory';
export const INVENTORY_STREAM = streamOf('inventory.stock.changed.v1');

/**
 * The envelope of a domain event, built by hand rather than with `createEvent`: the actor emits
 * thousands per second (no schema parse per event; the unit tests check every type against its
 * contract), and a batch serves many requests, so no one request's trace is its parent.
 */
export function envelopeOf(event: DomainEvent): EventEnvelope {
  return {
    eventId: randomUUID(),
    eventType: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    aggregateId: event.aggregateId,
    version: event.version,
    payload: event.payload,
    metadata: { source: INVENTORY_SOURCE },
  };
}
