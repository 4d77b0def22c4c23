import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartContentsAnswer, Quote } from '@shop/contracts';
import { createLogger } from '@shop/observability';
import { ServiceClient } from '@shop/service-kit';
import { CartClient } from '../src/adapters/cart-client.js';
import { PricingClient } from '../src/adapters/pricing-client.js';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import { SagaRunner, type SagaSteps } from '../src/saga/saga-runner.js';
import { quoteStep } from '../src/saga/steps/quote.step.js';
import { prismaClient, testCheckout } from './payments-harness.js';

const CART_ID = 'c_QuoteOnceQuoteOnceQuot';
const at = new Date().toISOString();

/** What the cart service's internal read answers: the lines as stored, no prices. */
function cartContents(customerId: string): CartContentsAnswer {
  return { id: CART_ID, customerId, currency: 'EUR', couponCode: null, lines: [{ sku: 'ONCE-1', quantity: 2, productTitle: 'Once', title: 'One size' }] };
}

/** Pricing's signed quote of that cart (this test's stand-in answers the quote route only). */
function quoteOf(): Quote {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  return {
    lines: [{ sku: 'ONCE-1', quantity: 2, unitPrice: eur(1250), listPrice: eur(1250), priceSource: 'list', discounts: [], total: eur(2500) }],
    cartDiscounts: [],
    couponCode: null,
    subtotal: eur(2500),
    discountTotal: eur(0),
    shipping: { amount: eur(495), discounts: [], total: eur(495) },
    total: eur(2995),
    currency: 'EUR',
    customerGroup: null,
    quotedAt: at,
    expiresAt: at,
    signature: 'sig',
  };
}

/**
 * A checkout reads the cart once: the quote step asks the cart service and pricing (one HTTP
 * server standing in for both here, counting what it is asked), stores the quote on the checkout, and from then on the saga works
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
  let pricing: PricingClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/internal/pricing/quotes') {
        reads.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(quoteOf()));
        return;
      }
      reads.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(cartContents(customerId)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cart = new CartClient(new ServiceClient({ caller: 'payments', service: 'cart', origin: url, timeoutMs: 2000, connections: 2 }));
    pricing = new PricingClient(new ServiceClient({ caller: 'payments', service: 'pricing', origin: url, timeoutMs: 2000, connections: 2 }));
  });
  afterAll(async () => {
    await Promise.all([cart.close(), pricing.close()]);
    await new Promise<void>((r) => server.close(() => r()));
    await prisma.$disconnect();
  });

  it('is one request, as the customer; the quote it locks is stored and reused, never re-read', async () => {
    // Only the quote runs here (`until`), so the runner needs no other step.
    const inventory = { reservation: () => Promise.reject(new Error('no reservation to swap in this checkout')), limitedSkus: () => Promise.resolve([]) };
    const runner = new SagaRunner(repository, { quote: quoteStep({ cart, pricing, inventory, now: () => new Date() }) } as unknown as SagaSteps, createLogger({ service: 'payments-test', level: 'silent' }));
    const inserted = await repository.insert(testCheckout({ customerId, cartId: CART_ID }));
    const quoted = await runner.advance(inserted!.id, { until: 'quote', startedAtVersion: inserted!.version, loaded: inserted! });
    // The cart's stored contents (not its priced view: that would ask the catalog and pricing again), then pricing's quote.
    expect(reads).toEqual([`GET /internal/carts/${CART_ID}/contents?customerId=${customerId}`, 'POST /internal/pricing/quotes']);
    expect(quoted.quote?.lines).toEqual([{ sku: 'ONCE-1', name: 'Once (One size)', unitPrice: 1250, quantity: 2 }]);
    expect(quoted.quote).toMatchObject({ subtotal: 2500, discountTotal: 0, shipping: 495, total: 2995, couponCode: null });
    // No coupon: hold_coupon has nothing to do and is written with the quote.
    expect(quoted.currentStep).toBe('create_order');

    // The request steps again (a replay of the POST, or a resumed process): the stored quote stands.
    const again = await runner.advance(inserted!.id, { until: 'quote' });
    expect(again.quote).toEqual(quoted.quote);
    expect((await repository.find(inserted!.id))?.quote).toEqual(quoted.quote);
    expect(reads).toHaveLength(2);
  });
});
