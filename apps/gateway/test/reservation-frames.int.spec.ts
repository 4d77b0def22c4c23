import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservationFrame } from '@shop/contracts';
import { verifyIdentity, verifyServiceCredential } from '@shop/observability';
import { testSecrets } from '@shop/testing';
import { call, register, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

const FRAMES = '/internal/inventory/reservation-frames';
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** A gateway whose inventory is the stand-in (no instance registered: its INVENTORY_URL), batching on or off. */
async function gatewayFor(inventory: StandIn, batching: boolean, env: Record<string, string> = {}): Promise<TestGateway> {
  const gateway = await startTestGateway({
    catalogUrl: 'http://127.0.0.1:9',
    env: {
      INVENTORY_URL: inventory.url,
      SERVICE_CREDENTIAL_SECRET: testSecrets().SERVICE_CREDENTIAL_SECRET,
      GATEWAY_RESERVATION_BATCHING: String(batching),
      RATE_LIMIT_RESERVATION: '100000/60',
      ...env,
    },
  });
  closers.push(() => gateway.close());
  return gateway;
}

const reserve = (gateway: TestGateway, token: string | undefined, key: string | undefined, json: unknown) =>
  call(gateway.url, '/api/inventory/reservations', { method: 'POST', json, token, headers: key === undefined ? {} : { 'idempotency-key': key } });

describe('reservation frames: what the gateway sends and answers', () => {
  let inventory: StandIn;
  let gateway: TestGateway;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    inventory = await new StandIn().start();
    closers.push(() => inventory.close());
    gateway = await gatewayFor(inventory, true);
    const shopper = await register(gateway.url);
    token = shopper.session.accessToken;
    userId = shopper.session.user.id;
  });

  it('coalesces concurrent reservations into one frame signed by the gateway, each item with the identity signed for its own request; each client gets its own answer', async () => {
    inventory.seen.length = 0;
    inventory.behaviour = (seen) => {
      const frame = ReservationFrame.parse(JSON.parse(seen.body));
      const answers = frame.items.map((item, i) =>
        i % 2 === 0
          ? { status: 201, body: { reservationId: `r1_${item.idempotencyKey}`, key: item.idempotencyKey } }
          : { status: 409, body: { error: { code: 'OUT_OF_STOCK', message: 'not enough stock for some items', details: ['SKU'] } }, retryAfter: '3', replayed: true },
      );
      return { status: 200, body: JSON.stringify({ answers }) };
    };
    const keys = ['k-0', 'k-1', 'k-2', 'k-3', 'k-4'];
    const answers = await Promise.all(keys.map((key) => reserve(gateway, token, key, { items: [{ sku: 'SKU-1', quantity: 1 }] })));

    const frames = inventory.seen.filter((s) => s.path === FRAMES);
    expect(inventory.seen.length).toBe(frames.length); // nothing went one by one
    const items = frames.flatMap((f) => ReservationFrame.parse(JSON.parse(f.body)).items);
    expect(items.map((i) => i.idempotencyKey).sort()).toEqual(keys);
    expect(frames.length).toBeLessThan(keys.length); // at least two shared a frame
    for (const frame of frames) {
      expect(verifyServiceCredential(testSecrets().SERVICE_CREDENTIAL_SECRET, frame.headers['x-service-credential'] as string, Date.now())).toEqual({ service: 'gateway' });
      expect(frame.headers['x-user-id']).toBeUndefined(); // the frame itself carries no shopper
    }
    for (const item of items) {
      expect(item.body).toEqual({ items: [{ sku: 'SKU-1', quantity: 1 }] });
      expect(item.identity?.userId).toBe(userId);
      const identity = { userId, role: item.identity!.role as 'customer' };
      const email = item.identity!.email;
      const signed = email === undefined ? identity : { ...identity, email };
      const request = { method: 'POST', url: '/api/inventory/reservations', requestId: item.requestId };
      expect(verifyIdentity(testSecrets().IDENTITY_SIGNING_SECRET, item.identity!.signature, signed, request, Date.now())).toBeNull();
      // Bound to that one request: it does not verify for another request id.
      expect(verifyIdentity(testSecrets().IDENTITY_SIGNING_SECRET, item.identity!.signature, signed, { ...request, requestId: 'another' }, Date.now())).not.toBeNull();
    }

    // Each client got the answer of its own item (the stand-in answered by position in its frame).
    for (const [i, answer] of answers.entries()) {
      const item = items.find((it) => it.idempotencyKey === keys[i])!;
      expect(answer.headers['x-request-id']).toBe(item.requestId);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['x-content-type-options']).toBe('nosniff'); // the gateway's security headers
      if (answer.status === 201) {
        expect(answer.body).toEqual({ reservationId: `r1_${keys[i]}`, key: keys[i] });
        expect(answer.headers['retry-after']).toBeUndefined();
      } else {
        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('OUT_OF_STOCK');
        expect(answer.headers['retry-after']).toBe('3');
        expect(answer.headers['idempotent-replayed']).toBe('true');
      }
    }
  });

  it('a body over 6 KiB is never framed: it goes alone to the single route, so it cannot affect other shoppers', async () => {
    inventory.seen.length = 0;
    inventory.behaviour = () => ({ status: 400, body: '{"error":{"code":"VALIDATION_FAILED","message":"bad"}}' });
    const large = await reserve(gateway, token, 'large-1', { items: [{ sku: 'SKU-1', quantity: 1 }], pad: 'x'.repeat(7 * 1024) });
    expect(large.status).toBe(400);
    expect(inventory.seen.map((s) => s.path)).toEqual(['/api/inventory/reservations']);
  });

  it('an anonymous reservation is refused at the edge (401), as before; nothing reaches inventory', async () => {
    inventory.seen.length = 0;
    const anonymous = await reserve(gateway, undefined, 'anon-1', { items: [{ sku: 'SKU-1', quantity: 1 }] });
    expect(anonymous.status).toBe(401);
    expect(inventory.seen).toEqual([]);
  });

  it('with batching off, the same reservation goes one request each, to the single route', async () => {
    const plain = await gatewayFor(inventory, false);
    const shopper = await register(plain.url);
    inventory.seen.length = 0;
    inventory.behaviour = () => ({ status: 201, body: '{"reservationId":"r1_x"}' });
    const answer = await reserve(plain, shopper.session.accessToken, 'off-1', { items: [{ sku: 'SKU-1', quantity: 1 }] });
    expect(answer.status).toBe(201);
    expect(inventory.seen.map((s) => s.path)).toEqual(['/api/inventory/reservations']);
  });
});

describe('reservation frames: a failed frame answers every waiting client as the one-by-one proxy would', () => {
  let inventory: StandIn;
  let batched: TestGateway;
  let plain: TestGateway;
  let tripping: TestGateway;
  let batchedToken: string;
  let plainToken: string;
  let trippingToken: string;

  beforeAll(async () => {
    inventory = await new StandIn().start();
    closers.push(() => inventory.close());
    // The breaker counts upstream calls (a frame is one), so these two keep it closed to compare answers.
    const env = { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_RETRIES: '0', BREAKER_FAILURES: '100' };
    batched = await gatewayFor(inventory, true, env);
    plain = await gatewayFor(inventory, false, env);
    tripping = await gatewayFor(inventory, true, { ...env, BREAKER_FAILURES: '2', BREAKER_HALF_OPEN_MS: '60000' });
    batchedToken = (await register(batched.url)).session.accessToken;
    plainToken = (await register(plain.url)).session.accessToken;
    trippingToken = (await register(tripping.url)).session.accessToken;
  });

  const shape = (a: Awaited<ReturnType<typeof call>>) => ({ status: a.status, code: a.body?.error?.code, retryAfter: a.headers['retry-after'], type: a.headers['content-type'] });
  const burst = (gateway: TestGateway, token: string, label: string) =>
    Promise.all([0, 1, 2].map((i) => reserve(gateway, token, `${label}-${i}`, { items: [{ sku: 'SKU-1', quantity: 1 }] })));

  it('connection dropped: each client gets the same 503 as unbatched', async () => {
    inventory.behaviour = () => ({ status: 200, destroy: true });
    const viaFrames = await burst(batched, batchedToken, 'drop-b');
    const oneByOne = await burst(plain, plainToken, 'drop-p');
    expect(viaFrames.map(shape)).toEqual(oneByOne.map(shape));
    expect(viaFrames.map((a) => a.status)).toEqual([503, 503, 503]);
  });

  it('inventory answers 503 (shutting down): each client gets it as it came', async () => {
    inventory.behaviour = () => ({ status: 503, body: '{"error":{"code":"SERVICE_UNAVAILABLE","message":"shutting down"}}', headers: { 'retry-after': '2' } });
    const viaFrames = await burst(batched, batchedToken, 'down-b');
    const oneByOne = await burst(plain, plainToken, 'down-p');
    expect(viaFrames.map(shape)).toEqual(oneByOne.map(shape));
    expect(viaFrames.map((a) => [a.status, a.headers['retry-after'], a.body.error.message])).toEqual(Array(3).fill([503, '2', 'shutting down']));
  });

  it('a frame that times out answers each client 504, and the breaker counts frames: once open, 503 without calling inventory', async () => {
    inventory.behaviour = () => ({ status: 200, hang: true });
    const timedOut = await burst(batched, batchedToken, 'hang-b');
    expect(timedOut.map((a) => [a.status, a.body.error.code])).toEqual(Array(3).fill([504, 'UPSTREAM_TIMEOUT']));
    // Two timed-out frames (at least one per burst) open the breaker of a gateway that trips after two.
    expect((await burst(tripping, trippingToken, 'hang-t1')).map((a) => a.status)).toEqual([504, 504, 504]);
    const second = await burst(tripping, trippingToken, 'hang-t2');
    expect(second.every((a) => a.status === 504 || a.status === 503)).toBe(true);
    const seen = inventory.seen.length;
    const open = await burst(tripping, trippingToken, 'open-t');
    expect(open.map((a) => [a.status, a.body.error.code])).toEqual(Array(3).fill([503, 'UPSTREAM_UNAVAILABLE']));
    expect(open[0]!.body.error.message).toMatch(/circuit open/);
    expect(inventory.seen.length).toBe(seen);
  });
});
