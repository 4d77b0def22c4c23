import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cart } from '@shop/contracts';
import { CatalogVariantClient } from '@shop/catalog-client';
import { createLogger } from '@shop/observability';
import { ServiceClient } from '@shop/service-kit';
import { CartClient } from '../src/adapters/cart-client.js';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import { SagaRunner, type SagaSteps } from '../src/saga/saga-runner.js';
import { quoteStep } from '../src/saga/steps/quote.step.js';
import { prismaClient } from './payments-harness.js';

const CART_ID = 'c_QuoteOnceQuoteOnceQuot';
const at = new Date().toISOString();

function pricedCart(customerId: string): Cart {
  const price = { amount: 1250, currency: 'EUR' };
  return {
    id: CART_ID,
    customerId,
    currency: 'EUR',
    lines: [
      {
        sku: 'ONCE-1',
        productId: '2f7c1a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b',
        productSlug: 'once',
        productTitle: 'Once',
        title: 'One size',
        attributes: {},
        image: null,
        quantity: 2,
        unitPrice: price,
        currentUnitPrice: price,
        listPrice: price,
        discounts: [],
        priceChanged: false,
        lineTotal: { amount: 2500, currency: 'EUR' },
        status: 'available',
      },
    ],
    totals: { subtotal: { amount: 2500, currency: 'EUR' }, discountTotal: { amount: 0, currency: 'EUR' }, shipping: null, total: { amount: 2500, currency: 'EUR' }, itemCount: 2 },
    verified: true,
    coupon: null,
    cartDiscounts: [],
    quoted: false,
    quote: null,
    createdAt: at,
    updatedAt: at,
    expiresAt: at,
  };
}

/**
 * A checkout reads the cart once: the quote step asks the cart service (a real HTTP server here,
 * counting what it is asked), stores the quote on the checkout, and from then on the saga works
 * from the stored quote: a rerun of the request steps (a replayed POST, a crash and resume)
 * does not read the cart again.
 */
describe("the checkout's cart read", () => {
  const prisma = prismaClient();
  const repository = new CheckoutRepository(prisma);
  const customerId = randomUUID();
  const reads: string[] = [];
  let server: Server;
  let cart: CartClient;
  let catalog: CatalogVariantClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      reads.push(`${req.method} ${req.url} as ${String(req.headers['x-user-id'])}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pricedCart(customerId)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cart = new CartClient(new ServiceClient({ caller: 'payments', service: 'cart', origin: url, timeoutMs: 2000, connections: 2 }));
    catalog = new CatalogVariantClient({ caller: 'payments', origin: url, timeoutMs: 2000, connections: 2 });
  });
  afterAll(async () => {
    await Promise.all([cart.close(), catalog.close()]);
    await new Promise<void>((r) => server.close(() => r()));
    await prisma.$disconnect();
  });

  it('is one request, as the customer; the quote it locks is stored and reused, never re-read', async () => {
    // Only the quote runs here (`until`), so the runner needs no other step.
    const runner = new SagaRunner(repository, { quote: quoteStep({ cart, catalog }) } as unknown as SagaSteps, createLogger({ service: 'payments-test', level: 'silent' }));
    const inserted = await repository.insert({
      id: randomUUID(),
      idempotencyKey: randomUUID(),
      requestHash: 'h',
      customerId,
      cartId: CART_ID,
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'DE' },
      paymentMethod: 'card',
      paymentToken: 'tok_approve',
      firstStep: 'quote',
    });
    const quoted = await runner.advance(inserted!.id, { until: 'quote', startedAtVersion: inserted!.version, loaded: inserted! });
    expect(reads).toEqual([`GET /api/carts/${CART_ID} as ${customerId}`]);
    expect(quoted.quote?.lines).toEqual([{ sku: 'ONCE-1', name: 'Once (One size)', unitPrice: 1250, quantity: 2 }]);
    expect(quoted.currentStep).toBe('create_order');

    // The request steps again (a replay of the POST, or a resumed process): the stored quote stands.
    const again = await runner.advance(inserted!.id, { until: 'quote' });
    expect(again.quote).toEqual(quoted.quote);
    expect((await repository.find(inserted!.id))?.quote).toEqual(quoted.quote);
    expect(reads).toHaveLength(1);
  });
});
