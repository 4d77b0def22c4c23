import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { fetchJson, gatewayIdentity, INVENTORY_QUICK_FAILOVER, TEST_ADMIN_ID, testEnv, type FetchJsonInit, type JsonAnswer } from '@shop/testing';
import { AppProcess, freePort } from './platform-processes.js';

export type Answer = JsonAnswer;

/**
 * One request straight to a service, as the gateway would send it: `user` (and `role`) become an
 * identity signed for this request; /api/admin calls without a user are the test admin's.
 */
export function call(url: string, init: FetchJsonInit & { user?: string; role?: 'customer' | 'admin' } = {}): Promise<Answer> {
  const { user, role, ...rest } = init;
  return fetchJson(url, { ...rest, identity: user ? { userId: user, role: role ?? 'customer' } : gatewayIdentity(url) });
}

export const ADMIN = TEST_ADMIN_ID;
export const ADDRESS = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

/** Settings that make the saga quick to test: short retries, sweeps and locks. */
export const PAYMENTS_TEST_ENV: Record<string, string> = {
  INVENTORY_PARTITIONS: '8',
  INVENTORY_ROUTER_REFRESH_MS: '100',
  SIM_PROVIDER_LATENCY_MS: '5',
  SIM_SLOW_LATENCY_MS: '4000',
  SIM_TRANSIENT_FAILURES: '2',
  PAYMENT_PROVIDER_TIMEOUT_MS: '500',
  SAGA_STEP_ATTEMPTS: '6',
  SAGA_BACKOFF_MS: '100',
  SAGA_JOB_LOCK_MS: '2000',
  SAGA_SWEEP_MS: '500',
  SAGA_STALE_MS: '1500',
  SAGA_ABANDON_MS: '20000',
};

/**
 * Catalog, inventory, pricing, cart, orders and payments as built processes on the run's database
 * and a Redis prefix of their own: the checkout saga with nothing stubbed (checkout charges
 * pricing's signed quote).
 */
export class CheckoutPlatform {
  catalog!: AppProcess;
  inventory!: AppProcess;
  pricing!: AppProcess;
  cart!: AppProcess;
  orders!: AppProcess;
  payments!: AppProcess;
  readonly db = new pg.Pool({ connectionString: testEnv().databaseUrl, max: 3 });
  /** Shared by every process of the platform (and a gateway in front of it: it reads the inventory registry). */
  readonly prefix = `${testEnv().redisPrefix}e2e-checkout-${Math.random().toString(36).slice(2, 6)}:`;

  constructor(private readonly paymentsEnv: Record<string, string> = {}) {
    this.db.on('error', () => undefined);
  }

  async start(): Promise<void> {
    const [catalogPort, inventoryPort, pricingPort, cartPort, ordersPort, paymentsPort] = await Promise.all([
      freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
    ]);
    const prefix = { REDIS_PREFIX: this.prefix };
    this.catalog = new AppProcess('catalog', catalogPort, { ...prefix, CATALOG_PORT: String(catalogPort) });
    this.inventory = this.inventoryProcess(inventoryPort);
    this.orders = this.ordersProcess(ordersPort);
    await Promise.all([this.catalog.start(), this.inventory.start(), this.orders.start()]);
    this.pricing = this.pricingProcess(pricingPort);
    await this.pricing.start();
    // The cart shows pricing's quote and checks coupons through it, and never takes more than inventory can sell.
    this.cart = new AppProcess('cart', cartPort, { ...prefix, CART_PORT: String(cartPort), CATALOG_URL: this.catalog.url, PRICING_URL: this.pricing.url, INVENTORY_URL: this.inventory.url });
    await this.cart.start();
    this.payments = this.paymentsProcess(paymentsPort);
    await this.payments.start();
    await this.untilReady(this.inventory);
  }

  private ordersProcess(port: number): AppProcess {
    return new AppProcess('orders', port, { REDIS_PREFIX: this.prefix, ORDERS_PORT: String(port) });
  }

  /** Starts orders again on the same port (after a kill). */
  async restartOrders(): Promise<void> {
    this.orders = this.ordersProcess(this.orders.port);
    await this.orders.start();
  }

  private inventoryProcess(port: number): AppProcess {
    return new AppProcess('inventory', port, {
      REDIS_PREFIX: this.prefix,
      INVENTORY_PORT: String(port),
      ...INVENTORY_QUICK_FAILOVER,
      EXPIRY_SWEEP_MS: '500',
    });
  }

  /** Starts inventory again on the same port (after a kill), and waits until it owns its partitions. */
  async restartInventory(): Promise<void> {
    this.inventory = this.inventoryProcess(this.inventory.port);
    await this.inventory.start();
    await this.untilReady(this.inventory);
  }

  private pricingProcess(port: number): AppProcess {
    return new AppProcess('pricing', port, {
      REDIS_PREFIX: this.prefix,
      PRICING_PORT: String(port),
      CATALOG_URL: this.catalog.url,
      INVENTORY_URL: this.inventory.url,
      INVENTORY_PARTITIONS: PAYMENTS_TEST_ENV.INVENTORY_PARTITIONS!,
    });
  }

  /** The gateway's upstream addresses for this platform. */
  upstreamUrls(): Record<string, string> {
    return {
      CATALOG_URL: this.catalog.url,
      INVENTORY_URL: this.inventory.url,
      CART_URL: this.cart.url,
      ORDERS_URL: this.orders.url,
      PAYMENTS_URL: this.payments.url,
      PRICING_URL: this.pricing.url,
    };
  }

  /** Starts pricing again on the same port (after a kill). */
  async restartPricing(): Promise<void> {
    this.pricing = this.pricingProcess(this.pricing.port);
    await this.pricing.start();
  }

  private paymentsProcess(port: number): AppProcess {
    return new AppProcess('payments', port, {
      REDIS_PREFIX: this.prefix,
      PAYMENTS_PORT: String(port),
      CART_URL: this.cart.url,
      PRICING_URL: this.pricing.url,
      ORDERS_URL: this.orders.url,
      ...PAYMENTS_TEST_ENV,
      ...this.paymentsEnv,
    });
  }

  /** Starts payments again on the same port (after a kill). */
  async restartPayments(): Promise<void> {
    this.payments = this.paymentsProcess(this.payments.port);
    await this.payments.start();
  }

  async stop(): Promise<void> {
    for (const app of [this.payments, this.cart, this.pricing, this.orders, this.inventory, this.catalog]) await app?.kill('SIGTERM');
    await this.db.end();
  }

  private async untilReady(app: AppProcess): Promise<void> {
    for (let i = 0; i < 80; i++) {
      if ((await call(`${app.url}/health/ready`)).status === 200) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${app.name} did not become ready`);
  }

  /** A product with one SKU per price, and that much stock of each. */
  async product(prices: number[], stock: number): Promise<string[]> {
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
    const skus = prices.map((_, i) => `CO-${tag}-${i}`);
    const res = await call(`${this.catalog.url}/api/admin/products`, {
      method: 'POST',
      json: {
        title: `Checkout Tee ${tag}`,
        status: 'active',
        variants: skus.map((sku, i) => ({ sku, attributes: { size: `S${i}` }, price: { amount: prices[i], currency: 'EUR' } })),
      },
    });
    if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
    for (const sku of skus) await this.setStock(sku, stock);
    await this.untilPriced(skus);
    return skus;
  }

  /** Pricing learns products from the catalog's events: wait until it quotes these SKUs. */
  async untilPriced(skus: string[]): Promise<void> {
    for (let i = 0; i < 80; i++) {
      const res = await this.quote(randomUUID(), skus.map((sku) => ({ sku, quantity: 1 })));
      if (res.status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`pricing does not price ${skus.join(', ')}`);
  }

  /** Pricing's signed quote, as the signed-in shopper gets it (`POST /api/pricing/quote`). */
  quote(customer: string, lines: Array<{ sku: string; quantity: number }>, couponCode?: string): Promise<Answer> {
    return call(`${this.pricing.url}/api/pricing/quote`, {
      method: 'POST',
      user: customer,
      json: { lines, currency: 'EUR', ...(couponCode ? { couponCode } : {}) },
    });
  }

  /** An admin call to pricing (coupons, promotions). */
  pricingAdmin(path: string, init: FetchJsonInit = {}): Promise<Answer> {
    return call(`${this.pricing.url}${path}`, { ...init, user: ADMIN, role: 'admin' });
  }

  async setStock(sku: string, onHand: number): Promise<void> {
    for (let i = 0; i < 40; i++) {
      const res = await call(`${this.inventory.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand } });
      if (res.status === 200) return;
      if (res.status !== 503) throw new Error(`stock: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`stock of ${sku} could not be set`);
  }

  async stock(sku: string): Promise<{ onHand: number; reserved: number; committed: number; available: number }> {
    const res = await call(`${this.inventory.url}/api/admin/inventory/${sku}`);
    if (res.status !== 200) throw new Error(`stock read: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A new customer with a cart holding `items`. */
  async customerWithCart(items: Array<{ sku: string; quantity: number }>): Promise<{ customer: string; cartId: string }> {
    const customer = randomUUID();
    const created = await call(`${this.cart.url}/api/carts`, { method: 'POST', user: customer });
    if (created.status !== 201) throw new Error(`cart: ${created.status} ${JSON.stringify(created.body)}`);
    for (const item of items) {
      let added = await call(`${this.cart.url}/api/carts/${created.body.id}/items`, { method: 'POST', json: item, user: customer });
      // The cart answers 503 (nothing added) when it cannot check the item with the catalog in time: resent, as a client does.
      for (let i = 0; i < 20 && added.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 250));
        added = await call(`${this.cart.url}/api/carts/${created.body.id}/items`, { method: 'POST', json: item, user: customer });
      }
      if (added.status !== 200) throw new Error(`cart item: ${added.status} ${JSON.stringify(added.body)}`);
    }
    return { customer, cartId: created.body.id };
  }

  /** `extra`: the rest of the checkout body (the signed `quote` the shopper saw, a held `reservationId`). */
  checkout(customer: string, cartId: string, token: string, key: string = randomUUID(), shippingAddress: object = ADDRESS, extra: object = {}): Promise<Answer> {
    return call(`${this.payments.url}/api/checkout`, {
      method: 'POST',
      user: customer,
      headers: { 'idempotency-key': key },
      json: { cartId, shippingAddress, payment: { method: 'card', token }, ...extra },
    });
  }

  /** Polls the customer's order until it settles (CONFIRMED or CANCELLED). */
  async settledOrder(orderId: string, customer: string, timeoutMs = 20_000): Promise<Answer['body']> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await call(`${this.orders.url}/api/orders/${orderId}`, { user: customer });
      if (res.status === 200 && (res.body.status === 'CONFIRMED' || res.body.status === 'CANCELLED')) {
        // The saga captures after confirming: wait for it to settle too.
        const checkout = await this.checkoutRow(res.body.checkoutId);
        if (checkout && ['completed', 'cancelled', 'rejected', 'dead'].includes(checkout.state)) return res.body;
      }
      if (Date.now() > until) throw new Error(`order ${orderId} did not settle: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async checkoutRow(id: string): Promise<{ state: string; current_step: string | null; reservation_id: string | null; step_attempts: number } | undefined> {
    const { rows } = await this.db.query('SELECT * FROM payments.checkout WHERE id = $1', [id]);
    return rows[0];
  }

  async charges(checkoutId: string): Promise<Array<{ status: string; amount: number; captured_amount: number; refunded_amount: number; calls: number }>> {
    const { rows } = await this.db.query('SELECT * FROM payments.sim_charge WHERE idempotency_key = $1', [`${checkoutId}:authorize`]);
    return rows;
  }

  async stepAttempts(checkoutId: string, step: string): Promise<number> {
    const { rows } = await this.db.query('SELECT attempts FROM payments.checkout_step WHERE checkout_id = $1 AND step = $2', [checkoutId, step]);
    return rows[0]?.attempts ?? 0;
  }
}
