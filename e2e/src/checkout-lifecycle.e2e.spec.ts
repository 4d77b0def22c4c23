import { randomUUID } from 'node:crypto';
import { fetchJson, serviceHeaders } from '@shop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, ADMIN, call, CheckoutPlatform, type Answer } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

/**
 * After the order (issue 16), through the built gateway in front of the built services: a
 * confirmed checkout takes exactly what it bought out of its cart, once, whatever the shopper did
 * to the cart during payment; a guest buys with an email and reads the order back by number +
 * email; a guest is refused SKUs with a per-customer limit before anything is held.
 */
describe('after the order: a cart that empties, guest checkout and order lookup', () => {
  // A slow card (tok_slow_<ms>) keeps a checkout in authorize_payment while the shopper edits the
  // cart: the provider timeout and the saga's locks are longer than that card, so nothing retries.
  const platform = new CheckoutPlatform({ PAYMENT_PROVIDER_TIMEOUT_MS: '15000', SAGA_JOB_LOCK_MS: '30000', SAGA_STALE_MS: '30000' });
  let gateway: AppProcess;

  const through = (path: string, init: RequestInit & { json?: unknown; token?: string } = {}): Promise<Answer> => {
    const { token, ...rest } = init;
    return call(`${gateway.url}${path}`, { ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(rest.headers as Record<string, string>) } });
  };

  beforeAll(async () => {
    await platform.start();
    const port = await freePort();
    gateway = new AppProcess('gateway', port, {
      GATEWAY_PORT: String(port),
      GATEWAY_METRICS_PORT: '0',
      REDIS_PREFIX: platform.prefix,
      INVENTORY_PARTITIONS: '8',
      ...platform.upstreamUrls(),
      RATE_LIMIT_ENABLED: 'false',
    });
    await gateway.start();
  }, 180_000);

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await platform.stop();
  });

  async function shopper(): Promise<{ token: string; email: string }> {
    const email = `Buyer-${randomUUID().slice(0, 8)}@Example.com`;
    const reg = await through('/api/auth/register', { method: 'POST', json: { email, password: 'correct horse battery' } });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    return { token: reg.body.accessToken, email };
  }

  /** A cart through the gateway (a guest's without a token), holding `items`. */
  async function cartWith(items: Array<{ sku: string; quantity: number }>, token?: string): Promise<string> {
    const created = await through('/api/carts', { method: 'POST', token });
    expect([200, 201]).toContain(created.status);
    for (const item of items) await addToCart(created.body.id, item, token);
    return created.body.id;
  }

  async function addToCart(cartId: string, item: { sku: string; quantity: number }, token?: string): Promise<void> {
    let added = await through(`/api/carts/${cartId}/items`, { method: 'POST', json: item, token });
    // 503 when the cart cannot check the item with the catalog in time: resent, as a client does.
    for (let i = 0; i < 20 && added.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 250));
      added = await through(`/api/carts/${cartId}/items`, { method: 'POST', json: item, token });
    }
    expect(added.status, JSON.stringify(added.body)).toBe(200);
  }

  function checkout(cartId: string, init: { token?: string; email?: string; card?: string; key?: string } = {}): Promise<Answer> {
    return through('/api/checkout', {
      method: 'POST',
      token: init.token,
      headers: { 'idempotency-key': init.key ?? randomUUID() },
      json: { cartId, shippingAddress: ADDRESS, payment: { method: 'card', token: init.card ?? 'tok_approve' }, ...(init.email ? { email: init.email } : {}) },
    });
  }

  /** Waits (with a deadline) until the saga is finished, from its row: completed, cancelled, rejected or dead. */
  async function settled(checkoutId: string, timeoutMs = 30_000): Promise<{ state: string }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = await platform.checkoutRow(checkoutId);
      if (row && ['completed', 'cancelled', 'rejected', 'dead'].includes(row.state)) return row;
      if (Date.now() > until) throw new Error(`checkout ${checkoutId} did not settle: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function untilStep(checkoutId: string, step: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = await platform.checkoutRow(checkoutId);
      if (row?.current_step === step) return;
      if (Date.now() > until) throw new Error(`checkout ${checkoutId} never reached ${step}: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const lines = (cart: Answer) => (cart.body.lines as Array<{ sku: string; quantity: number }>).map((l) => [l.sku, l.quantity]);

  it("a customer's confirmed checkout empties the cart, and the order has the account's email", async () => {
    const [tee, cap] = await platform.product([2500, 999], 10);
    const me = await shopper();
    const cartId = await cartWith([{ sku: tee!, quantity: 2 }, { sku: cap!, quantity: 1 }], me.token);

    const res = await checkout(cartId, { token: me.token });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.orderNumber).toMatch(/^SO-\d{6,}$/);
    expect(await settled(res.body.checkoutId)).toMatchObject({ state: 'completed' });

    const cart = await through(`/api/carts/${cartId}`, { token: me.token });
    expect(cart.status).toBe(200);
    expect(lines(cart)).toEqual([]);
    const order = await through(`/api/orders/${res.body.orderId}`, { token: me.token });
    expect(order.body).toMatchObject({ status: 'CONFIRMED', email: me.email.toLowerCase(), number: res.body.orderNumber });
    const progress = await through(`/api/checkouts/${res.body.checkoutId}`, { token: me.token });
    expect(progress.body.steps.map((s: { step: string }) => s.step).at(-1)).toBe('clear_cart');
    expect(progress.body).toMatchObject({ guest: false, email: me.email.toLowerCase() });
    // An account's order is not found by number + email: it is read signed in.
    expect((await through(`/api/orders/lookup?number=${res.body.orderNumber}&email=${encodeURIComponent(me.email)}`)).status).toBe(404);
  });

  it('takes out only what was bought when the cart changed during payment, and a replay removes nothing more', async () => {
    const [tee, cap, sock] = await platform.product([1500, 800, 300], 20);
    const me = await shopper();
    const cartId = await cartWith([{ sku: tee!, quantity: 2 }, { sku: cap!, quantity: 1 }], me.token);

    const res = await checkout(cartId, { token: me.token, card: 'tok_slow_3000' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await untilStep(res.body.checkoutId, 'authorize_payment');
    // While the card is being authorized: more tees, and socks.
    expect((await through(`/api/carts/${cartId}/items/${tee}`, { method: 'PATCH', json: { quantity: 5 }, token: me.token })).status).toBe(200);
    await addToCart(cartId, { sku: sock!, quantity: 1 }, me.token);
    // The edits landed before the sale was made (else this case tests nothing).
    expect((await platform.checkoutRow(res.body.checkoutId))?.state).toBe('running');

    expect(await settled(res.body.checkoutId)).toMatchObject({ state: 'completed' });
    const after = await through(`/api/carts/${cartId}`, { token: me.token });
    expect(lines(after)).toEqual([
      [tee, 3],
      [sock, 1],
    ]);

    // The step replayed (a retry after a lost answer): the cart remembers the checkout.
    const owner = (await platform.db.query('SELECT customer_id FROM payments.checkout WHERE id = $1', [res.body.checkoutId])).rows[0].customer_id as string;
    const replay = await fetchJson(`${platform.cart.url}/internal/carts/${cartId}/purchases`, {
      method: 'POST',
      headers: serviceHeaders('payments'),
      json: { checkoutId: res.body.checkoutId, customerId: owner, items: [{ sku: tee, quantity: 2 }, { sku: cap, quantity: 1 }] },
    });
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
    expect(replay.body).toMatchObject({ alreadyApplied: true, removed: [] });
    expect(lines(await through(`/api/carts/${cartId}`, { token: me.token }))).toEqual([
      [tee, 3],
      [sock, 1],
    ]);
    // Only payments may take items out of a cart.
    const foreign = await fetchJson(`${platform.cart.url}/internal/carts/${cartId}/purchases`, {
      method: 'POST',
      headers: serviceHeaders('orders'),
      json: { checkoutId: randomUUID(), customerId: null, items: [{ sku: tee, quantity: 1 }] },
    });
    expect(foreign.status).toBe(403);
  });

  it('a guest buys with an email, reads the order back by number + email, and the guest cart is empty', async () => {
    const [tee] = await platform.product([1900], 10);
    const cartId = await cartWith([{ sku: tee!, quantity: 2 }]);

    const noEmail = await checkout(cartId);
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'email' })] });
    const badEmail = await checkout(cartId, { email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.details).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(await platform.stock(tee!)).toMatchObject({ reserved: 0, committed: 0 });

    const res = await checkout(cartId, { email: 'Guest.Buyer@Example.COM' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(await settled(res.body.checkoutId)).toMatchObject({ state: 'completed' });
    expect(lines(await through(`/api/carts/${cartId}`))).toEqual([]);
    expect(await platform.stock(tee!)).toMatchObject({ committed: 2, reserved: 0 });

    const number = res.body.orderNumber as string;
    const found = await through(`/api/orders/lookup?number=${number}&email=${encodeURIComponent('guest.buyer@example.com')}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body).toMatchObject({ id: res.body.orderId, number, customerId: null, email: 'guest.buyer@example.com', status: 'CONFIRMED' });
    expect(found.body.lines).toEqual([expect.objectContaining({ sku: tee, quantity: 2 })]);

    // A wrong email or a wrong number: the same 404, so neither can be probed.
    const wrongEmail = await through(`/api/orders/lookup?number=${number}&email=someone%40example.com`);
    const wrongNumber = await through(`/api/orders/lookup?number=SO-999999&email=guest.buyer%40example.com`);
    expect([wrongEmail.status, wrongNumber.status]).toEqual([404, 404]);
    expect(wrongEmail.body).toEqual(wrongNumber.body);
    expect((await through(`/api/orders/lookup?number=${number}`)).status).toBe(400);
    // Never by id: the by-id route needs an account, and a customer does not own a guest's order.
    expect((await through(`/api/orders/${res.body.orderId}`)).status).toBe(401);
    const someone = await shopper();
    expect((await through(`/api/orders/${res.body.orderId}`, { token: someone.token })).status).toBe(404);
    // The admin list shows the guest's order with its email.
    const admin = await call(`${platform.orders.url}/api/admin/orders?number=${number}`);
    expect(admin.body.items).toEqual([expect.objectContaining({ id: res.body.orderId, customerId: null, email: 'guest.buyer@example.com' })]);
  });

  it('refuses a guest a SKU with a per-customer limit (ACCOUNT_REQUIRED) before anything is held, and lets an account buy it', async () => {
    const [limited] = await platform.product([4900], 10);
    const limit = await call(`${platform.inventory.url}/api/admin/inventory/${limited}/sale-limit`, { method: 'PUT', json: { perCustomer: 1 } });
    expect(limit.status, JSON.stringify(limit.body)).toBe(200);
    const cartId = await cartWith([{ sku: limited!, quantity: 1 }]);

    const refused = await checkout(cartId, { email: 'guest@example.com' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_REQUIRED', details: { skus: [limited] } });
    expect(refused.body.error.message).toMatch(/sign in or register/);
    expect(await platform.stock(limited!)).toMatchObject({ reserved: 0, committed: 0, available: 10 });
    const { rows } = await platform.db.query('SELECT count(*)::int AS n FROM orders.order_line WHERE sku = $1', [limited]);
    expect(rows[0].n).toBe(0);
    expect(lines(await through(`/api/carts/${cartId}`))).toEqual([[limited, 1]]);

    const me = await shopper();
    const mine = await cartWith([{ sku: limited!, quantity: 1 }], me.token);
    const bought = await checkout(mine, { token: me.token });
    expect(bought.status, JSON.stringify(bought.body)).toBe(202);
    expect(await settled(bought.body.checkoutId)).toMatchObject({ state: 'completed' });
  });

  it('an admin cancels the order while its card is being authorized: the saga voids the authorization, gives back the stock and the coupon, and ends cancelled, not dead', async () => {
    const [tee] = await platform.product([3000], 5);
    const code = `CANCELWIN${Date.now().toString(36).toUpperCase()}`;
    const created = await platform.pricingAdmin('/api/admin/coupons', { method: 'POST', json: { code, discount: { percentOff: 10 }, usageLimit: 1 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const couponUsage = async () => {
      const res = await platform.pricingAdmin(`/api/admin/coupons/${code}`);
      return { used: res.body.used, held: res.body.held };
    };
    const { customer, cartId } = await platform.customerWithCart([{ sku: tee!, quantity: 2 }]);
    const applied = await call(`${platform.cart.url}/api/carts/${cartId}/coupon`, { method: 'POST', json: { code }, user: customer });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);

    const res = await platform.checkout(customer, cartId, 'tok_slow_3000');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { checkoutId, orderId } = res.body as { checkoutId: string; orderId: string };
    await untilStep(checkoutId, 'authorize_payment');
    expect(await couponUsage()).toEqual({ used: 0, held: 1 });
    expect(await platform.stock(tee!)).toMatchObject({ reserved: 2, committed: 0 });

    const cancel = await call(`${platform.orders.url}/api/admin/orders/${orderId}/cancel`, {
      method: 'POST',
      user: ADMIN,
      role: 'admin',
      json: { reason: 'the customer phoned to cancel' },
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'the customer phoned to cancel' });
    // The cancel landed while the card was being authorized (else this case tests nothing).
    expect(await platform.checkoutRow(checkoutId)).toMatchObject({ state: 'running', current_step: 'authorize_payment' });

    expect(await settled(checkoutId)).toMatchObject({ state: 'cancelled', failure_code: 'ORDER_NOT_PAYABLE' });
    // The authorization that completed meanwhile is voided: nothing captured, nothing taken.
    expect(await platform.charges(checkoutId)).toEqual([expect.objectContaining({ status: 'voided', captured_amount: 0 })]);
    const payments = await platform.db.query('SELECT status FROM payments.payment WHERE checkout_id = $1', [checkoutId]);
    expect(payments.rows).toEqual([{ status: 'voided' }]);
    // The held units and the held coupon use are back; nothing was sold.
    expect(await platform.stock(tee!)).toMatchObject({ onHand: 5, reserved: 0, committed: 0, available: 5 });
    expect(await couponUsage()).toEqual({ used: 0, held: 0 });
    // The order keeps the admin's cancel; the shopper's checkout says why it stopped, and the cart still holds the items.
    const order = await call(`${platform.orders.url}/api/orders/${orderId}`, { user: customer });
    expect(order.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'the customer phoned to cancel' });
    const view = await call(`${platform.payments.url}/api/checkouts/${checkoutId}`, { user: customer });
    expect(view.body).toMatchObject({ state: 'cancelled', failure: { code: 'ORDER_NOT_PAYABLE' } });
    const steps = Object.fromEntries((view.body.steps as Array<{ step: string; status: string }>).map((s) => [s.step, s.status]));
    expect(steps).toMatchObject({ authorize_payment: 'compensated', reserve_stock: 'compensated', hold_coupon: 'compensated', create_order: 'compensated' });
    // The sale was never made: the checkout stopped before the point of no return.
    expect(steps).not.toHaveProperty('confirm_order');
    const cart = await call(`${platform.cart.url}/api/carts/${cartId}`, { user: customer });
    expect(lines(cart)).toEqual([[tee, 2]]);
  });

  it('an admin cancels in the window after the pivot claimed the order: refused (ORDER_PAYMENT_IN_PROGRESS), and the saga completes once it can; a cancel after that goes the way of a paid order', async () => {
    const [tee] = await platform.product([2700], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: tee!, quantity: 1 }]);
    const res = await platform.checkout(customer, cartId, 'tok_slow_2000');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { checkoutId, orderId } = res.body as { checkoutId: string; orderId: string };
    await untilStep(checkoutId, 'authorize_payment');
    // Inventory goes down while the card is authorized: the pivot claims the order in orders, then
    // cannot commit the stock. The saga is held right in the window between the claim and confirm_order.
    await platform.inventory.kill('SIGTERM');
    const claimedAt = async () => (await platform.db.query('SELECT payment_claimed_at FROM orders."order" WHERE id = $1', [orderId])).rows[0]?.payment_claimed_at ?? null;
    for (let i = 0; i < 300 && (await claimedAt()) === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await claimedAt()).not.toBeNull();
    expect(await platform.checkoutRow(checkoutId)).toMatchObject({ current_step: 'commit_stock' });

    const cancel = await call(`${platform.orders.url}/api/admin/orders/${orderId}/cancel`, { method: 'POST', user: ADMIN, role: 'admin', json: { reason: 'the customer phoned to cancel' } });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(409);
    expect(cancel.body.error).toMatchObject({ code: 'ORDER_PAYMENT_IN_PROGRESS', details: { checkoutId } });
    expect(cancel.body.error.message).toMatch(/payment of this order is being completed/);
    const order = await call(`${platform.orders.url}/api/orders/${orderId}`, { user: customer });
    expect(order.body).toMatchObject({ status: 'AWAITING_PAYMENT', cancelReason: null });

    // Inventory is back; the saga (or, if it ran out of retries meanwhile, an operator's retry) goes on
    // from the pivot: its claim is its own already, the stock is committed, the order confirmed.
    await platform.restartInventory();
    if ((await platform.checkoutRow(checkoutId))?.state === 'dead') {
      const retried = await call(`${platform.payments.url}/api/admin/checkouts/${checkoutId}/retry`, { method: 'POST', user: ADMIN, role: 'admin' });
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    }
    expect(await settled(checkoutId)).toMatchObject({ state: 'completed' });
    expect(await platform.stock(tee!)).toMatchObject({ onHand: 5, reserved: 0, committed: 1 });
    expect(await platform.charges(checkoutId)).toEqual([expect.objectContaining({ status: 'captured', captured_amount: expect.any(Number) })]);
    const confirmed = await call(`${platform.orders.url}/api/orders/${orderId}`, { user: customer });
    expect(confirmed.body.status).toBe('CONFIRMED');

    // Now the admin's cancel is an ordinary cancel of a paid order (payments refunds it on its event).
    const later = await call(`${platform.orders.url}/api/admin/orders/${orderId}/cancel`, { method: 'POST', user: ADMIN, role: 'admin', json: { reason: 'the customer phoned to cancel' } });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(later.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'the customer phoned to cancel' });
  });

  it('a retried pivot whose claim is refused but whose earlier attempt committed the stock goes on (the sale is made, never a release of sold units), and waits for an operator at confirm_order', async () => {
    // Only a saga that crossed from the earlier read-only check can meet this (a claimed order cannot be
    // cancelled); it is forced here: orders is down at the first attempt of the pivot (the claim throws),
    // the reservation is committed as that attempt's lost commit would have, and the admin's cancel
    // lands before the claim could.
    const [tee] = await platform.product([2300], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: tee!, quantity: 1 }]);
    const res = await platform.checkout(customer, cartId, 'tok_slow_2000');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { checkoutId, orderId } = res.body as { checkoutId: string; orderId: string };
    await untilStep(checkoutId, 'authorize_payment');
    await platform.orders.kill('SIGTERM');
    for (let i = 0; i < 300 && (await platform.stepAttempts(checkoutId, 'commit_stock')) < 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await platform.stepAttempts(checkoutId, 'commit_stock')).toBeGreaterThanOrEqual(1);

    // Payments stops while orders comes back, so the pivot's retry (its backoff starts at 250 ms) cannot
    // claim the order before the admin's cancel; its job waits in Redis and runs once payments is back.
    await platform.payments.kill('SIGTERM');

    const reservationId = (await platform.checkoutRow(checkoutId))!.reservation_id!;
    const committed = await fetchJson(`${platform.inventory.url}/internal/inventory/reservations/${reservationId}/commit`, { method: 'POST', headers: serviceHeaders('payments') });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    await platform.restartOrders();
    const cancel = await call(`${platform.orders.url}/api/admin/orders/${orderId}/cancel`, { method: 'POST', user: ADMIN, role: 'admin', json: { reason: 'cancelled under the old check' } });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    await platform.restartPayments();
    if ((await platform.checkoutRow(checkoutId))?.state === 'dead') {
      const retried = await call(`${platform.payments.url}/api/admin/checkouts/${checkoutId}/retry`, { method: 'POST', user: ADMIN, role: 'admin' });
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    }

    // The pivot went on: it never failed the checkout (no compensation, no release of sold units)...
    const until = Date.now() + 30_000;
    let row = await platform.checkoutRow(checkoutId);
    while (!(row?.state === 'dead' && row.current_step === 'confirm_order') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      row = await platform.checkoutRow(checkoutId);
    }
    // ...and stops where an operator must decide: the order is cancelled, the units sold, the card authorized.
    expect(row).toMatchObject({ state: 'dead', current_step: 'confirm_order' });
    expect(await platform.stock(tee!)).toMatchObject({ reserved: 0, committed: 1 });
    expect(await platform.charges(checkoutId)).toEqual([expect.objectContaining({ status: 'authorized' })]);
    const steps = await platform.db.query('SELECT step, status FROM payments.checkout_step WHERE checkout_id = $1', [checkoutId]);
    expect(Object.fromEntries(steps.rows.map((s: { step: string; status: string }) => [s.step, s.status]))).toMatchObject({ commit_stock: 'succeeded', reserve_stock: 'succeeded' });
  });
});
