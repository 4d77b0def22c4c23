import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ReservationFrameItem } from '@shop/contracts';
import { identityHeaders, serviceHeaders, type TestIdentity } from '@shop/testing';
import { api, database, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

const FRAMES = '/internal/inventory/reservation-frames';
const SINGLE = '/api/inventory/reservations';

/** An item as the gateway builds it: the identity signed for that item's own request (the single route, its request id). */
function item(identity: TestIdentity | null, key: string | undefined, body: unknown, signedFor: { method?: string; path?: string } = {}): ReservationFrameItem {
  const requestId = randomUUID();
  const built: ReservationFrameItem = { requestId, body };
  if (key !== undefined) built.idempotencyKey = key;
  if (identity) {
    const headers = identityHeaders(identity, { method: signedFor.method ?? 'POST', path: signedFor.path ?? SINGLE, requestId });
    built.identity = { userId: identity.userId, role: identity.role, signature: headers['x-identity-signature']! };
  }
  return built;
}

const sendFrame = (url: string, items: unknown, headers: Record<string, string> = serviceHeaders('gateway')) =>
  api(url, FRAMES, { method: 'POST', json: { items }, caller: null, headers });

/** What the single route answers, in the frame's terms. */
async function single(url: string, identity: TestIdentity, key: string, body: unknown) {
  const res = await api(url, SINGLE, { method: 'POST', json: body, caller: identity, headers: { 'idempotency-key': key } });
  const answer: Record<string, unknown> = { status: res.status, body: res.body };
  if (res.headers.get('retry-after') !== null) answer.retryAfter = res.headers.get('retry-after');
  if (res.headers.get('idempotent-replayed') === 'true') answer.replayed = true;
  return answer;
}

describe('POST /internal/inventory/reservation-frames', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;
  const shopper: TestIdentity = { userId: randomUUID(), role: 'customer' };

  beforeAll(async () => {
    inv = await startTestInventory();
    db = database();
  });
  afterAll(async () => {
    await inv?.service.close();
    await db?.end();
  });

  it("only the gateway's service credential may send a frame: no credential, a forged or expired one, a customer's identity, another service → refused, nothing reserved", async () => {
    const sku = uniqueSku('FRAME');
    await setStock(inv.url, sku, 5);
    const items = [item(shopper, `auth-${sku}`, { items: [{ sku, quantity: 1 }] })];
    const forged = serviceHeaders('gateway')['x-service-credential']!.slice(0, -4) + 'AAAA';
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [{ 'x-service-credential': forged }, 401],
      [serviceHeaders('gateway', { nowMs: Date.now() - 10 * 60_000 }), 401],
      [identityHeaders(shopper, { method: 'POST', path: FRAMES }), 401], // a customer, even with a valid signature for this request
      [identityHeaders({ ...shopper, role: 'admin' }, { method: 'POST', path: FRAMES }), 401],
      [serviceHeaders('payments'), 403],
      [serviceHeaders('inventory'), 403],
    ];
    for (const [headers, status] of attempts) {
      const res = await sendFrame(inv.url, items, headers);
      expect({ headers: Object.keys(headers), status: res.status }).toEqual({ headers: Object.keys(headers), status });
    }
    expect((await totalsOf(db, sku)).reserved).toBe(0);
    // Sent again while a partition is still moving (503 with its retry hint), as the gateway's clients would.
    let allowed = await sendFrame(inv.url, items);
    for (let i = 0; i < 20 && allowed.body?.answers?.[0]?.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 250));
      allowed = await sendFrame(inv.url, items);
    }
    expect(allowed.status).toBe(200);
    expect(allowed.body.answers.map((a: { status: number }) => a.status)).toEqual([201]);
    expect((await totalsOf(db, sku)).reserved).toBe(1);
  });

  it('a malformed frame is a 400 naming the field; an empty one too', async () => {
    const empty = await sendFrame(inv.url, []);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.error.details)).toContain('items');
    const noRequestId = await sendFrame(inv.url, [{ body: {} }]);
    expect(noRequestId.status).toBe(400);
    expect(JSON.stringify(noRequestId.body.error.details)).toContain('requestId');
  });

  it('answers each item as the single route would, in order: a bad item gets its own 400 with field and reason, the others are unaffected', async () => {
    const sku = uniqueSku('FRAME');
    await setStock(inv.url, sku, 2);
    const good = { items: [{ sku, quantity: 1 }], customerId: 'someone-else' };
    const stranger: TestIdentity = { userId: randomUUID(), role: 'customer' };
    const items = [
      item(shopper, `ok-${sku}`, good),
      item(shopper, `bad-${sku}`, { items: [{ sku, quantity: 0 }] }),
      item(shopper, undefined, good),
      item(null, `anon-${sku}`, good),
      item(shopper, `forged-${sku}`, good, { path: '/api/inventory/other' }), // signed for another request
      item(stranger, `replace-${sku}`, { ...good, replaces: `r0_${randomUUID()}` }),
      item(shopper, `ok-${sku}`, good), // the same key and body again: replayed
      item(stranger, `second-${sku}`, { items: [{ sku, quantity: 1 }] }),
      item(stranger, `third-${sku}`, { items: [{ sku, quantity: 1 }] }),
    ];
    const res = await sendFrame(inv.url, items);
    expect(res.status).toBe(200);
    const answers = res.body.answers as { status: number; body: any; retryAfter?: string; replayed?: boolean }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(answers).toHaveLength(items.length);
    // The replay and the first may be decided in either order: one created it, the other replays it.
    expect([answers[0]!.status, answers[6]!.status]).toEqual([201, 201]);
    expect(answers[0]!.body.reservationId).toBe(answers[6]!.body.reservationId);
    expect([answers[0]!.replayed, answers[6]!.replayed].filter(Boolean)).toEqual([true]);
    expect(answers[1]!.status).toBe(400);
    expect(answers[1]!.body.error.details).toEqual([expect.objectContaining({ field: 'items.0.quantity', reason: 'must be at least 1' })]);
    expect(answers[2]!.status).toBe(400);
    expect(answers[2]!.body.error.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(answers[3]!.status).toBe(401);
    expect(answers[4]!.status).toBe(401);
    expect(answers[5]!.status).toBe(403);
    // Two units: the shopper's one and one of the stranger's two; the other is out of stock.
    expect([answers[7]!.status, answers[8]!.status].sort()).toEqual([201, 409]);
    const totals = await totalsOf(db, sku);
    expect(totals.reserved).toBe(2);
    // The shopper holds for themselves, whatever the body said (as the single route does).
    const detail = await api(inv.url, `/internal/inventory/reservations/${answers[0]!.body.reservationId}`, { caller: { service: 'payments' } });
    expect(detail.body.customerId).toBe(shopper.userId);
  });

  it('the same inputs get the same answers as the single route', async () => {
    const skuA = uniqueSku('FRAME');
    const skuB = uniqueSku('FRAME');
    await setStock(inv.url, skuA, 1);
    await setStock(inv.url, skuB, 1);
    const cases = (sku: string) => [
      { key: `one-${sku}`, body: { items: [{ sku, quantity: 1 }] } },
      { key: `one-${sku}`, body: { items: [{ sku, quantity: 1 }] } },
      { key: `two-${sku}`, body: { items: [{ sku, quantity: 1 }] } },
      { key: `reuse-${sku}`, body: { items: [{ sku, quantity: 1 }], ttlSeconds: 5 } },
      { key: `bad-${sku}`, body: { items: [{ sku: '', quantity: 1.5 }], extra: true } },
      { key: `unknown-${sku}`, body: { items: [{ sku: `${sku}-NONE`, quantity: 1 }] } },
    ];
    const normalize = (answer: Record<string, any>, sku: string) => JSON.parse(JSON.stringify(answer).replaceAll(sku, 'SKU').replace(/r\d+_[0-9a-f-]{36}/g, 'RID').replace(/"expiresAt":"[^"]+"/g, '"expiresAt":"T"')); // eslint-disable-line @typescript-eslint/no-explicit-any
    // One at a time through each path, so the order of decisions is the same.
    const viaSingle = [];
    for (const c of cases(skuA)) viaSingle.push(normalize(await single(inv.url, shopper, c.key, c.body), skuA));
    const viaFrame = [];
    for (const c of cases(skuB)) viaFrame.push(normalize((await sendFrame(inv.url, [item(shopper, c.key, c.body)])).body.answers[0], skuB));
    expect(viaFrame).toEqual(viaSingle);
    expect(viaSingle.map((a) => a.status)).toEqual([201, 201, 409, 409, 400, 404]);
  });
});
