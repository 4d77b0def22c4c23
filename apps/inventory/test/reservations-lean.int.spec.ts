import { request as httpRequest, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHeaders, serviceHeaders } from '@shop/testing';
import type pg from 'pg';
import { DEFAULT_BODY_LIMIT_BYTES } from '@shop/service-kit';
import { reservationsLeanRouter } from '../src/http/reservations-lean-route.js';
import type { InventoryService } from '../src/application/inventory-service.js';
import { database, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

const PATH = '/api/inventory/reservations';

interface RawAnswer {
  status: number;
  contentType: string | undefined;
  replayed: string | undefined;
  body: unknown;
}

/**
 * POSTs `text` to the reservation route with a Content-Length (which the lean path serves) or
 * chunked (which it leaves to the Fastify route), so the two can be compared on the same input.
 */
function post(base: string, text: string, headers: Record<string, string>, framing: 'length' | 'chunked'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(base + PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], replayed: res.headers['idempotent-replayed'] as string | undefined, body: raw ? JSON.parse(raw) : undefined });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (framing === 'length') req.setHeader('content-length', Buffer.byteLength(text));
    else req.setHeader('transfer-encoding', 'chunked');
    req.end(text);
  });
}

/** The same request through both routes: the lean one and its Fastify twin. */
async function bothPaths(base: string, text: string, headers: () => Record<string, string>): Promise<{ lean: RawAnswer; fastify: RawAnswer }> {
  return { lean: await post(base, text, headers(), 'length'), fastify: await post(base, text, headers(), 'chunked') };
}

function head(method: string, url: string, headers: Record<string, string | undefined>): IncomingMessage {
  return { method, url, headers } as unknown as IncomingMessage;
}

describe('the reservation route on the lean path', () => {
  it('takes a reservation POST with a JSON body of a declared length; leaves every other request to Fastify', () => {
    const router = reservationsLeanRouter({ inventory: {} as InventoryService, bodyLimitBytes: 1000 });
    const json = { 'content-type': 'application/json', 'content-length': '20' };
    expect(router(head('POST', PATH, json))?.template).toBe(PATH);
    expect(router(head('POST', `${PATH}?trace=1`, { ...json, 'content-type': 'application/json; charset=utf-8' }))?.template).toBe(PATH);
    const left: Array<[string, string, Record<string, string | undefined>]> = [
      ['GET', PATH, {}],
      ['DELETE', `${PATH}/r1_00000000-0000-4000-8000-000000000000`, {}],
      ['POST', '/api/inventory/naive/reservations', json],
      ['POST', `${PATH}/`, json],
      ['POST', PATH, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }], // chunked: Fastify reads it
      ['POST', PATH, { 'content-type': 'text/plain', 'content-length': '20' }], // 415 from Fastify
      ['POST', PATH, { 'content-type': 'application/json', 'content-length': '0' }], // empty JSON body: Fastify's 400
      ['POST', PATH, { 'content-type': 'application/json', 'content-length': '1001' }], // over the limit: Fastify's 413
      ['POST', PATH, { 'content-type': 'application/json', 'content-length': 'x' }],
      ['POST', PATH, { 'content-length': '20' }],
    ];
    for (const [method, url, headers] of left) expect(router(head(method, url, headers)), `${method} ${url} ${JSON.stringify(headers)}`).toBeUndefined();
  });

  describe('served by a real inventory (real Postgres and Redis)', () => {
    let inv: Awaited<ReturnType<typeof startTestInventory>>;
    let db: pg.Pool;

    beforeAll(async () => {
      inv = await startTestInventory();
      db = database();
    });
    afterAll(async () => {
      await inv?.service.close();
      await db?.end();
    });

    it('answers bad input with the 400 of the Fastify route, naming every bad field, and reserves nothing', async () => {
      const sku = uniqueSku('LEAN');
      await setStock(inv.url, sku, 5);
      const asPayments = () => serviceHeaders('payments');
      const bad = JSON.stringify({ items: [{ sku, quantity: 0 }], colour: 'red' });
      const { lean, fastify } = await bothPaths(inv.url, bad, asPayments);
      expect(lean.status).toBe(400);
      expect(lean.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      expect((lean.body as { error: { details: unknown[] } }).error.details).toEqual(
        expect.arrayContaining([
          { field: 'items.0.quantity', reason: 'must be at least 1' },
          { field: 'colour', reason: 'is not allowed' },
          { field: 'Idempotency-Key', reason: 'is required' },
        ]),
      );
      expect(lean).toEqual(fastify);

      const malformed = await bothPaths(inv.url, '{"items": [', () => ({ ...asPayments(), 'idempotency-key': randomUUID() }));
      expect(malformed.lean).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
      expect(malformed.lean).toEqual(malformed.fastify);
      const poisoned = await bothPaths(inv.url, `{"items":[{"sku":"${sku}","quantity":1}],"__proto__":{"x":1}}`, () => ({ ...asPayments(), 'idempotency-key': randomUUID() }));
      expect(poisoned.lean.status).toBe(400);
      expect(poisoned.lean).toEqual(poisoned.fastify);
      expect(await totalsOf(db, sku)).toMatchObject({ onHand: 5, reserved: 0, heldItems: 0 });
    });

    it('answers an unauthenticated, unsigned or mis-signed call with the 401 of the Fastify route, and reserves nothing', async () => {
      const sku = uniqueSku('LEAN');
      await setStock(inv.url, sku, 5);
      const body = JSON.stringify({ items: [{ sku, quantity: 1 }] });
      const customer = { userId: randomUUID(), role: 'customer' as const };
      const callers: Array<() => Record<string, string>> = [
        () => ({}),
        () => ({ 'x-user-id': customer.userId, 'x-user-role': 'customer' }),
        () => ({ 'x-service-credential': 'payments.0.forged' }),
        () => serviceHeaders('payments', { nowMs: Date.now() - 10 * 60_000 }),
        // Signed for another route: a signature is bound to the request it was made for.
        () => identityHeaders(customer, { method: 'POST', path: '/api/inventory/naive/reservations' }),
      ];
      for (const caller of callers) {
        const { lean, fastify } = await bothPaths(inv.url, body, () => ({ ...caller(), 'idempotency-key': randomUUID() }));
        expect(lean.status).toBe(401);
        expect(lean).toEqual(fastify);
      }
      expect(await totalsOf(db, sku)).toMatchObject({ onHand: 5, reserved: 0, heldItems: 0 });
    });

    it('reserves for a signed customer and a trusted service as the Fastify route does, replays a key, and counts the template in the RED metrics', async () => {
      const sku = uniqueSku('LEAN');
      await setStock(inv.url, sku, 10);
      const customer = { userId: randomUUID(), role: 'customer' as const };
      const key = randomUUID();
      const body = JSON.stringify({ items: [{ sku, quantity: 2 }], customerId: 'someone-else' });
      const signed = () => ({ ...identityHeaders(customer, { method: 'POST', path: PATH }), 'idempotency-key': key });
      const first = await post(inv.url, body, signed(), 'length');
      expect(first.status).toBe(201);
      expect(first.contentType).toBe('application/json; charset=utf-8');
      const viaFastify = await post(inv.url, body, signed(), 'chunked');
      expect(first.replayed).toBeUndefined();
      expect(viaFastify).toEqual({ ...first, replayed: 'true' });
      const again = await post(inv.url, body, signed(), 'length');
      expect(again).toEqual({ ...first, replayed: 'true' });
      const { rows } = await db.query<{ customer_id: string }>('SELECT customer_id FROM inventory.reservation WHERE id = $1', [(first.body as { reservationId: string }).reservationId]);
      expect(rows[0]?.customer_id).toBe(customer.userId);
      const service = await post(inv.url, JSON.stringify({ items: [{ sku, quantity: 1 }] }), { ...serviceHeaders('payments'), 'idempotency-key': randomUUID() }, 'length');
      expect(service.status).toBe(201);
      expect(await totalsOf(db, sku)).toMatchObject({ onHand: 10, reserved: 3, heldItems: 3 });

      const metrics = await (await fetch(`${inv.service.metricsUrl}/metrics`)).text();
      const created = new RegExp(`^http_requests_total\\{[^}]*route="${PATH}"[^}]*status="201"[^}]*\\} (\\d+)$`, 'm').exec(metrics);
      expect(Number(created?.[1] ?? 0)).toBeGreaterThanOrEqual(4);
    });
  });
});
