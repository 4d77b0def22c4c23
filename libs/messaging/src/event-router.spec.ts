import { defineEvent } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEvent } from './create-event.js';
import { on, routeEvents } from './event-router.js';
import { PoisonMessageError } from './poison-message-error.js';

const PriceChangedV1 = defineEvent('pricing.price.changed.v1', z.object({ sku: z.string(), amount: z.number().int() }));
const PriceDeletedV1 = defineEvent('pricing.price.deleted.v1', z.object({ sku: z.string() }));
const OtherV1 = defineEvent('pricing.price.other.v1', z.object({}));

const meta = { aggregateId: 'sku-1', version: 1, source: 'pricing' };

describe('routeEvents', () => {
  it('sends each event to the route of its type, with the parsed payload and extra arguments', async () => {
    const seen: string[] = [];
    const handle = routeEvents<[string]>([
      on(PriceChangedV1, async (event, extra: string) => {
        seen.push(`changed ${event.payload.sku} ${event.payload.amount} ${extra}`);
      }),
      on(PriceDeletedV1, async (event) => {
        seen.push(`deleted ${event.payload.sku}`);
      }),
    ]);

    await handle(createEvent(PriceChangedV1, { ...meta, payload: { sku: 'a', amount: 100 } }), 'x');
    await handle(createEvent(PriceDeletedV1, { ...meta, payload: { sku: 'b' } }), 'y');
    await handle(createEvent(OtherV1, { ...meta, payload: {} }), 'z');

    expect(seen).toEqual(['changed a 100 x', 'deleted b']);
  });

  it('treats a payload that breaks the contract as poison', async () => {
    const handle = routeEvents([on(PriceChangedV1, async () => undefined)]);
    const event = { ...createEvent(PriceChangedV1, { ...meta, payload: { sku: 'a', amount: 1 } }), payload: { sku: 'a', amount: 'lots' } };

    await expect(handle(event)).rejects.toBeInstanceOf(PoisonMessageError);
  });

  it('dead-letters unknown types when asked to', async () => {
    const handle = routeEvents([on(PriceChangedV1, async () => undefined)], { unknownEventType: 'dead-letter' });
    await expect(handle(createEvent(OtherV1, { ...meta, payload: {} }))).rejects.toThrow(/No handler for event type pricing.price.other.v1/);
  });

  it('refuses two routes for one type', () => {
    expect(() => routeEvents([on(PriceChangedV1, async () => undefined), on(PriceChangedV1, async () => undefined)])).toThrow(/Two routes/);
  });
});
