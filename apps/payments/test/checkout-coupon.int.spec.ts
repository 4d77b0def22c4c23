import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductCreatedV1, type CartContentsAnswer, type Product, type Quote } from '@shop/contracts';
import { createEvent, EventBus } from '@shop/messaging';
import { createLogger } from '@shop/observability';
import { ServiceClient } from '@shop/service-kit';
import { BuiltService, eventually, fetchJson, freePort, testEnv, TEST_ADMIN_ID } from '@shop/testing';
import { CartClient } from '../src/adapters/cart-client.js';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import { PricingClient } from '../src/adapters/pricing-client.js';
import type { CheckoutRecord } from '../src/domain/checkout.js';
import { SagaRunner, type SagaSteps } from '../src/saga/saga-runner.js';
import { holdCouponStep } from '../src/saga/steps/hold-coupon.step.js';
import { quoteStep } from '../src/saga/steps/quote.step.js';
import { prismaClient, testCheckout } from './payments-harness.js';

/**
 * The checkout's coupon against the real pricing service (built, on the run's Postgres and Redis):
 * the quote and hold_coupon steps through payments' own pricing client, the saga stored in
 * payments' tables. The cart is a stand-in HTTP server answering its stored contents.
 * Needs `npx nx run @shop/pricing:build` first.
 */
describe("the checkout's coupon against pricing", () => {
  const prefix = `${testEnv().redisPrefix}checkout-coupon:`;
  const n = Date.now().toString(36).toUpperCase();
  const sku = `CPN-CHK-${n}`;
  const prisma = prismaClient();
  const repository = new CheckoutRepository(prisma);
  const carts = new Map<string, CartContentsAnswer>();
  const admin = { userId: TEST_ADMIN_ID, role: 'admin' as const };
  let pricingService: BuiltService;
  let cartServer: Server;
  let cart: CartClient;
  let pricing: PricingClient;
  let runner: SagaRunner;

  beforeAll(async () => {
    const port = await freePort();
    pricingService = new BuiltService('pricing', port, {
      PRICING_PORT: String(port),
      DATABASE_URL: testEnv().databaseUrl,
      REDIS_URL: testEnv().redisUrl,
      REDIS_PREFIX: prefix,
      // No catalog: the product arrives as its event, below.
      CATALOG_URL: `http://127.0.0.1:${await freePort()}`,
      PRICING_BACKFILL_ON_START: 'false',
      SHIPPING_FLAT_FEE: '495',
    });
    await pricingService.start();
    await publishProduct(prefix, productOf(sku, 2000));
    await eventually(async () => {
      const res = await fetchJson(`${pricingService.url}/api/pricing/prices?skus=${sku}`);
      expect((res.body as { items: unknown[] }).items).toHaveLength(1);
    }, 100);

    cartServer = createServer((req, res) => {
      const id = /^\/internal\/carts\/([^/]+)\/contents/.exec(req.url ?? '')?.[1];
      const contents = id ? carts.get(id) : undefined;
      if (!contents) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such cart' } }));
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(contents));
    });
    await new Promise<void>((r) => cartServer.listen(0, '127.0.0.1', r));
    cart = new CartClient(new ServiceClient({ caller: 'payments', service: 'cart', origin: `http://127.0.0.1:${(cartServer.address() as AddressInfo).port}`, timeoutMs: 2000, connections: 2 }));
    pricing = new PricingClient(new ServiceClient({ caller: 'payments', service: 'pricing', origin: pricingService.url, timeoutMs: 3000, connections: 4 }));
    const inventory = { reservation: () => Promise.reject(new Error('no reservation to swap in these checkouts')), limitedSkus: () => Promise.resolve([]) };
    // Only the steps that run before any order are driven here (`until`), so the runner needs no other.
    const steps = { quote: quoteStep({ cart, pricing, inventory, now: () => new Date() }), hold_coupon: holdCouponStep({ pricing, ttlSeconds: 600 }) };
    runner = new SagaRunner(repository, steps as unknown as SagaSteps, createLogger({ service: 'payments-test', level: 'silent' }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([cart?.close(), pricing?.close()]);
    await new Promise<void>((r) => (cartServer ? cartServer.close(() => r()) : r()));
    await pricingService?.stop();
    await prisma.$disconnect();
  });

  let seq = 0;
  async function coupon(body: object): Promise<string> {
    const code = `CHK${n}${(seq++).toString(36).toUpperCase()}`;
    const res = await fetchJson(`${pricingService.url}/api/admin/coupons`, { method: 'POST', identity: admin, json: { code, discount: { amountOff: { amount: 500, currency: 'EUR' } }, ...body } });
    expect(res.status, res.text).toBe(201);
    return code;
  }
  async function usage(code: string): Promise<{ used: number; held: number }> {
    const res = await fetchJson(`${pricingService.url}/api/admin/coupons/${code}`, { identity: admin });
    return { used: res.body.used, held: res.body.held };
  }
  /** A customer's cart of one unit carrying `code`, and the quote the checkout page showed them. */
  async function shopperWith(code: string): Promise<{ customerId: string; cartId: string; shown: Quote }> {
    const customerId = randomUUID();
    const cartId = `c_${randomUUID().replaceAll('-', '').slice(0, 22)}`;
    carts.set(cartId, { id: cartId, customerId, currency: 'EUR', couponCode: code, lines: [{ sku, quantity: 1, productTitle: 'Coupon Tee', title: 'M' }] });
    const answer = await pricing.quote({ lines: [{ sku, quantity: 1 }], couponCode: code, currency: 'EUR' }, customerId);
    if (answer.kind !== 'quoted') throw new Error(`pricing refused the quote: ${answer.code}`);
    return { customerId, cartId, shown: answer.quote };
  }
  /** Another checkout takes one use of the coupon, as the hold step does. */
  async function anotherCheckoutHolds(code: string): Promise<void> {
    const held = await pricing.holdCoupon(code, { checkoutId: randomUUID(), customerId: randomUUID(), ttlSeconds: 600 });
    expect(held.kind).toBe('held');
  }
  /** The request's steps up to the order: the quote locked, then the coupon held. */
  async function untilOrder(checkout: ReturnType<typeof testCheckout>, between?: () => Promise<void>): Promise<CheckoutRecord> {
    const inserted = (await repository.insert(checkout))!;
    const quoted = await runner.advance(inserted.id, { until: 'quote', startedAtVersion: inserted.version, loaded: inserted });
    await between?.();
    return runner.advance(quoted.id, { until: 'hold_coupon' });
  }

  it('a coupon that ran out before the page was shown: the total shown without it is locked, nothing is held', async () => {
    const code = await coupon({ usageLimit: 1 });
    await anotherCheckoutHolds(code);
    const { customerId, cartId, shown } = await shopperWith(code);
    expect(shown).toMatchObject({ couponCode: null, total: { amount: 2000 + 495 }, couponRejection: { code, reason: 'exhausted' } });

    const checkout = await untilOrder(testCheckout({ customerId, cartId, offeredQuote: shown }));
    expect(checkout.failureCode).toBeNull();
    expect(checkout.quote).toMatchObject({ couponCode: null, discounts: [], discountTotal: 0, total: 2495 });
    expect(checkout.currentStep).toBe('create_order');
    expect(await usage(code)).toEqual({ used: 0, held: 1 }); // only the other checkout's
  });

  it('the last use goes to another checkout between the quote and the hold: PRICE_CHANGED with the total without it, which then checks out', async () => {
    const code = await coupon({ usageLimit: 1 });
    const { customerId, cartId, shown } = await shopperWith(code);
    expect(shown).toMatchObject({ couponCode: code, total: { amount: 1500 + 495 } });

    const lost = await untilOrder(testCheckout({ customerId, cartId, offeredQuote: shown }), () => anotherCheckoutHolds(code));
    expect(lost.failureCode).toBe('PRICE_CHANGED');
    const details = lost.failureDetails as { quote: Quote; previousTotal: unknown };
    expect(details.previousTotal).toEqual(shown.total);
    expect(details.quote).toMatchObject({
      couponCode: null,
      total: { amount: 2495 },
      couponRejection: { code, reason: 'exhausted', message: `Coupon ${code} has run out, so it is no longer taken off your total.` },
    });
    expect(await usage(code)).toEqual({ used: 0, held: 1 });

    // The shopper confirms the new total: a new attempt with that quote holds and uses nothing.
    const confirmed = await untilOrder(testCheckout({ customerId, cartId, offeredQuote: details.quote }));
    expect(confirmed.failureCode).toBeNull();
    expect(confirmed.quote).toMatchObject({ couponCode: null, total: 2495 });
    expect(await usage(code)).toEqual({ used: 0, held: 1 });
  });

  it('without a quote from the shopper, a lost coupon refuses the checkout (COUPON_EXHAUSTED) instead of charging more', async () => {
    const code = await coupon({ usageLimit: 1 });
    const { customerId, cartId } = await shopperWith(code);
    const raced = await untilOrder(testCheckout({ customerId, cartId }), () => anotherCheckoutHolds(code));
    expect(raced.failureCode).toBe('COUPON_EXHAUSTED');
    expect(raced.quote).toMatchObject({ couponCode: code }); // the quote it locked, which could not be held

    // Already gone at the quote: refused there, naming the coupon.
    const late = await shopperWith(code);
    const refused = await untilOrder(testCheckout({ customerId: late.customerId, cartId: late.cartId }));
    expect(refused.failureCode).toBe('COUPON_EXHAUSTED');
    expect(refused.failureDetails).toEqual({ code, reason: 'exhausted' });
    expect(refused.quote).toBeNull();
    expect(await usage(code)).toEqual({ used: 0, held: 1 });
  });
});

function productOf(sku: string, amount: number): Product {
  const now = new Date().toISOString();
  const id = randomUUID();
  return {
    id,
    slug: `p-${id.slice(0, 8)}`,
    title: 'Coupon Tee',
    description: '',
    status: 'active',
    categoryIds: [],
    images: [],
    variants: [{ id: randomUUID(), sku, title: 'M', attributes: {}, price: { amount, currency: 'EUR' } }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The product's creation event on pricing's stream, as the catalog's outbox relay publishes it. */
async function publishProduct(prefix: string, product: Product): Promise<void> {
  const redis = new Redis(testEnv().redisUrl);
  try {
    await new EventBus({ redis, prefix }).publish(createEvent(ProductCreatedV1, { aggregateId: product.id, version: product.version, payload: { product }, source: 'catalog' }));
  } finally {
    redis.disconnect();
  }
}
