import { describe, expect, it } from 'vitest';
import { EventEnvelope, streamOf } from './envelope.js';

describe('event envelope', () => {
  it('routes an event type to its context stream', () => {
    expect(streamOf('catalog.product.updated.v1')).toBe('events.catalog');
  });
  it('requires a versioned event type and the metadata source', () => {
    const ok = {
      eventId: '6f1c1d3e-3d5b-4f7e-9a53-0c1f8b8e2a11',
      eventType: 'catalog.product.updated.v1',
      occurredAt: '2026-06-01T12:00:00.000Z',
      aggregateId: 'p1',
      version: 2,
      payload: {},
      metadata: { source: 'catalog' },
    };
    expect(EventEnvelope.safeParse(ok).success).toBe(true);
    expect(EventEnvelope.safeParse({ ...ok, eventType: 'catalog.product.updated' }).success).toBe(false);
    expect(EventEnvelope.safeParse({ ...ok, metadata: {} }).success).toBe(false);
  });
});
