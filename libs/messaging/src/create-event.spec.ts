import { ROOT_CONTEXT, TraceFlags, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { EventEnvelope, defineEvent } from '@shop/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { causedBy, createEvent } from './create-event.js';
import { contextFromTraceparent } from './trace-context.js';

const StockReservedV1 = defineEvent(
  'inventory.stock.reserved.v1',
  z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }),
);

const base = { aggregateId: 'sku-1', version: 3, source: 'inventory' } as const;

describe('createEvent', () => {
  afterEach(() => {
    context.disable();
    propagation.disable();
  });

  it('builds a valid envelope with a fresh v4 id and ISO timestamp', () => {
    const occurredAt = new Date('2026-01-02T03:04:05.678Z');
    const a = createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 2 }, occurredAt });
    const b = createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 2 } });

    expect(EventEnvelope.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      eventType: 'inventory.stock.reserved.v1',
      occurredAt: '2026-01-02T03:04:05.678Z',
      aggregateId: 'sku-1',
      version: 3,
      payload: { sku: 'sku-1', quantity: 2 },
      metadata: { source: 'inventory' },
    });
    expect(a.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.eventId).not.toBe(a.eventId);
    expect(a.metadata.traceparent).toBeUndefined();
  });

  it('refuses a payload its contract rejects', () => {
    expect(() => createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 0 } })).toThrow();
  });

  it('refuses an envelope the contract rejects (empty aggregate id, negative version)', () => {
    const payload = { sku: 'sku-1', quantity: 1 };
    expect(() => createEvent(StockReservedV1, { ...base, aggregateId: '', payload })).toThrow();
    expect(() => createEvent(StockReservedV1, { ...base, version: -1, payload })).toThrow();
  });

  it('carries the active trace as traceparent, which a consumer can continue', () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    const active = trace.setSpanContext(ROOT_CONTEXT, spanContext);

    const event = context.with(active, () => createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 1 } }));

    expect(event.metadata.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const continued = trace.getSpanContext(contextFromTraceparent(event.metadata.traceparent));
    expect(continued).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId, isRemote: true });
  });

  it('chains correlation and causation from the event that caused it', () => {
    const first = createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 1 } });
    const second = createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 1 }, ...causedBy(first) });
    const third = createEvent(StockReservedV1, { ...base, payload: { sku: 'sku-1', quantity: 1 }, ...causedBy(second) });

    expect(second.metadata).toMatchObject({ correlationId: first.eventId, causationId: first.eventId });
    expect(third.metadata).toMatchObject({ correlationId: first.eventId, causationId: second.eventId });
  });
});
