import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, ADMIN, call, CheckoutPlatform } from './checkout-platform.js';

/**
 * The checkout saga end to end: the built catalog, inventory, cart, orders and payments as
 * separate processes on the run's own Postgres and Redis, the simulated card provider's test
 * tokens driving every path. Invariants are read from the services' own tables afterwards.
 */
describe('checkout saga against the real services', () => {
  const platform = new CheckoutPlatform();
  const checkouts: string[] = [];

  beforeAll(async () => {
    await platform.start();
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
  });

  async function accepted(customer: string, cartId: string, token: string, key?: string) {
    const res = await platform.checkout(customer, cartId, token, key);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ orderId: expect.any(String), checkoutId: expect.any(String), status: 'PENDING' });
    checkouts.push(res.body.checkoutId);
    return res.body as { orderId: string; checkoutId: string };
  }

  it('happy path: stock committed, order CONFIRMED, payment captured once', async () => {
    const [tee, cap] = await platform.product([2500, 999], 10);
    const { customer, cartId } = await platform.customerWithCart([
      { sku: tee!, quantity: 2 },
      { sku: cap!, quantity: 1 },
    ]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_approve');

    const order = await platform.settledOrder(orderId, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', subtotal: 5999, cancelReason: null, checkoutId });
    expect(order.lines.map((l: { sku: string; quantity: number; unitPrice: number }) => [l.sku, l.quantity, l.unitPrice])).toEqual([
      [tee, 2, 2500],
      [cap, 1, 999],
    ]);
    expect(order.history.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED']);
    expect(await platform.stock(tee!)).toMatchObject({ onHand: 10, reserved: 0, committed: 2, available: 8 });
    expect(await platform.charges(checkoutId)).toMatchObject([{ status: 'captured', amount: order.total, captured_amount: order.total }]);

    const progress = await call(`${platform.payments.url}/api/checkouts/${checkoutId}`, { user: customer });
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ state: 'completed', status: 'CONFIRMED', orderId, amount: order.total, currentStep: null, failure: null });
    expect(progress.body.steps.every((s: { status: string }) => s.status === 'succeeded')).toBe(true);
    expect(progress.body.steps.map((s: { step: string }) => s.step)).toEqual([
      'quote', 'hold_coupon', 'create_order', 'reserve_stock', 'await_payment', 'authorize_payment', 'commit_stock', 'consume_coupon', 'confirm_order', 'capture_payment', 'clear_cart',
    ]);
    expect((await call(`${platform.payments.url}/api/checkouts/${checkoutId}`, { user: randomUUID() })).status).toBe(404);
  });

  it('decline: the stock is released and the order CANCELLED with PAYMENT_DECLINED', async () => {
    const [sku] = await platform.product([1500], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 3 }]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_decline');

    const order = await platform.settledOrder(orderId, customer);
    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
    expect(await platform.stock(sku!)).toMatchObject({ onHand: 5, reserved: 0, committed: 0, available: 5 });
    expect(await platform.charges(checkoutId)).toMatchObject([{ status: 'declined', captured_amount: 0 }]);
    const row = await platform.checkoutRow(checkoutId);
    expect(row).toMatchObject({ state: 'cancelled', failure_code: 'PAYMENT_DECLINED' });
    const { rows } = await platform.db.query('SELECT status FROM inventory.reservation WHERE id = $1', [row!.reservation_id]);
    expect(rows).toEqual([{ status: 'released' }]);
  });

  it('transient provider failures are retried with backoff and the order is CONFIRMED', async () => {
    const [sku] = await platform.product([700], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_transient_3');

    expect(await platform.settledOrder(orderId, customer)).toMatchObject({ status: 'CONFIRMED' });
    expect(await platform.charges(checkoutId)).toMatchObject([{ status: 'captured', calls: 4 }]);
    expect(await platform.stepAttempts(checkoutId, 'authorize_payment')).toBe(4);
  });

  it('timeout: the saga finds the authorization by its key; never a charge without an order or the reverse', async () => {
    const [sku] = await platform.product([4200], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_timeout');

    const order = await platform.settledOrder(orderId, customer);
    const charges = await platform.charges(checkoutId);
    expect(charges).toHaveLength(1);
    expect(await platform.stepAttempts(checkoutId, 'authorize_payment')).toBeGreaterThanOrEqual(2); // the first answer never came
    if (order.status === 'CONFIRMED') expect(charges[0]).toMatchObject({ status: 'captured', captured_amount: order.total });
    else expect(charges[0]!.status).toBe('voided');
    expect(order.status).toBe('CONFIRMED'); // retrieve-by-key found the authorization the client never heard of
  });

  it('duplicate requests with the same key, concurrently: one checkout, one order, one charge', async () => {
    const [sku] = await platform.product([1234], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 2 }]);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => platform.checkout(customer, cartId, 'tok_approve', key)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    const ids = new Set(answers.map((a) => `${a.body.checkoutId}/${a.body.orderId}`));
    expect(ids.size).toBe(1);
    const { orderId, checkoutId } = answers[0]!.body;
    checkouts.push(checkoutId);

    expect(await platform.settledOrder(orderId, customer)).toMatchObject({ status: 'CONFIRMED' });
    const again = await platform.checkout(customer, cartId, 'tok_approve', key);
    expect(again.body).toEqual({ checkoutId, orderId, orderNumber: expect.stringMatching(/^SO-\d{6,}$/), status: 'CONFIRMED' });
    const other = await platform.checkout(customer, cartId, 'tok_decline', key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const orders = await platform.db.query('SELECT count(*)::int AS n FROM orders."order" WHERE checkout_id = $1', [checkoutId]);
    expect(orders.rows[0].n).toBe(1);
    expect(await platform.charges(checkoutId)).toMatchObject([{ status: 'captured' }]);
    const ops = await platform.db.query("SELECT kind FROM payments.sim_operation o JOIN payments.sim_charge c ON c.id = o.charge_id WHERE c.reference = $1", [checkoutId]);
    expect(ops.rows).toEqual([{ kind: 'capture' }]);
    expect(await platform.stock(sku!)).toMatchObject({ committed: 2, reserved: 0, available: 3 });
  });

  it('the cart takes no more of a SKU than inventory can still sell: 409 OUT_OF_STOCK with what is left; a line over it can come down', async () => {
    const [sku] = await platform.product([1200], 3);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 2 }]);
    const add = (quantity: number) => call(`${platform.cart.url}/api/carts/${cartId}/items`, { method: 'POST', json: { sku, quantity }, user: customer });
    const set = (quantity: number) => call(`${platform.cart.url}/api/carts/${cartId}/items/${sku}`, { method: 'PATCH', json: { quantity }, user: customer });
    const held = async () => ((await call(`${platform.cart.url}/api/carts/${cartId}`, { user: customer })).body as { lines: Array<{ sku: string; quantity: number }> }).lines;

    const over = await add(2);
    expect(over.status, JSON.stringify(over.body)).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: { sku, available: 3, inCart: 2, requested: 4 } });
    expect(await held()).toMatchObject([{ sku, quantity: 2 }]);
    expect((await add(1)).status).toBe(200);
    expect((await set(4)).body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: { available: 3, inCart: 3, requested: 4 } });

    // Others buy two: one left, three in the cart. Raising is refused, lowering is not.
    await platform.setStock(sku!, 1);
    expect((await set(2)).status).toBe(200);
    expect((await add(1)).status).toBe(409);
    expect((await set(1)).status).toBe(200);
    expect(await held()).toMatchObject([{ sku, quantity: 1 }]);
  });

  it('two customers race for the last unit: one CONFIRMED, the other CANCELLED with OUT_OF_STOCK', async () => {
    const [sku] = await platform.product([9900], 1);
    const alice = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const bob = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const [a, b] = await Promise.all([
      accepted(alice.customer, alice.cartId, 'tok_approve'),
      accepted(bob.customer, bob.cartId, 'tok_approve'),
    ]);
    const orders = await Promise.all([platform.settledOrder(a.orderId, alice.customer), platform.settledOrder(b.orderId, bob.customer)]);
    expect(orders.map((o) => o.status).sort()).toEqual(['CANCELLED', 'CONFIRMED']);
    expect(orders.find((o) => o.status === 'CANCELLED')!.cancelReason).toBe('OUT_OF_STOCK');
    expect(await platform.stock(sku!)).toMatchObject({ onHand: 1, committed: 1, reserved: 0, available: 0 });
    const loser = orders.find((o) => o.status === 'CANCELLED')!.checkoutId;
    expect(await platform.charges(loser)).toEqual([]); // never charged
  });

  it('refuses bad requests before any saga starts', async () => {
    const { customer, cartId } = await platform.customerWithCart([]);
    const body = { cartId, shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_approve' } };
    const noKey = await call(`${platform.payments.url}/api/checkout`, { method: 'POST', user: customer, json: body });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details).toEqual([{ field: 'Idempotency-Key', reason: 'is required' }]);
    // Without an account it is a guest checkout: an email is required, and a customer's cart is not a guest's to buy.
    const anonymous = await call(`${platform.payments.url}/api/checkout`, { method: 'POST', headers: { 'idempotency-key': 'k1' }, json: body });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.details).toEqual([{ field: 'email', reason: 'is required to check out without an account' }]);
    const guest = await call(`${platform.payments.url}/api/checkout`, { method: 'POST', headers: { 'idempotency-key': 'k2' }, json: { ...body, email: 'guest@example.com' } });
    expect(guest.status).toBe(404);
    expect(guest.body.error.code).toBe('CART_NOT_FOUND');
    const empty = await platform.checkout(customer, cartId, 'tok_approve', 'empty-cart-key');
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('CART_EMPTY');
    expect((await platform.checkout(customer, cartId, 'tok_approve', 'empty-cart-key')).body.error.code).toBe('CART_EMPTY'); // same answer
    const notMine = await platform.checkout(randomUUID(), cartId, 'tok_approve');
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe('CART_NOT_FOUND');
  });

  it('a step that exhausts its retries goes dead; an admin lists it and retries it to completion', async () => {
    const [sku] = await platform.product([500], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    // 6 attempts per step in these tests: 8 failures outlast the first budget, not the second.
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_transient_8');
    let dead: { items: Array<{ id: string; currentStep: string; steps: Array<{ step: string; lastError: string | null }> }> } | undefined;
    for (let i = 0; i < 150; i++) {
      const res = await call(`${platform.payments.url}/api/admin/checkouts?state=dead`, { user: ADMIN, role: 'admin' });
      expect(res.status).toBe(200);
      if (res.body.items.some((c: { id: string }) => c.id === checkoutId)) {
        dead = res.body;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const mine = dead?.items.find((c) => c.id === checkoutId);
    expect(mine).toMatchObject({ currentStep: 'authorize_payment', state: 'dead', deadFrom: 'running', status: 'PENDING' });
    expect(mine!.steps.find((s) => s.step === 'authorize_payment')!.lastError).toMatch(/transient/);
    expect((await call(`${platform.payments.url}/api/admin/checkouts?state=dead`, { user: customer })).status).toBe(403);
    expect((await call(`${platform.orders.url}/api/orders/${orderId}`, { user: customer })).body.status).toBe('AWAITING_PAYMENT');

    const retried = await call(`${platform.payments.url}/api/admin/checkouts/${checkoutId}/retry`, { method: 'POST', user: ADMIN, role: 'admin' });
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('running');
    expect(await platform.settledOrder(orderId, customer)).toMatchObject({ status: 'CONFIRMED' });
    expect(await platform.charges(checkoutId)).toMatchObject([{ status: 'captured', calls: 9 }]);
    const again = await call(`${platform.payments.url}/api/admin/checkouts/${checkoutId}/retry`, { method: 'POST', user: ADMIN, role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NOT_RETRYABLE');
  }, 60_000);

  it('kill -9 of payments mid-saga: the restarted process resumes it and completes it once', async () => {
    const [sku] = await platform.product([3100], 4);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 2 }]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_slow'); // authorization takes 4 s
    for (let i = 0; i < 100; i++) {
      const row = await platform.checkoutRow(checkoutId);
      if (row?.current_step === 'authorize_payment') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await platform.checkoutRow(checkoutId))?.current_step).toBe('authorize_payment');
    await platform.payments.kill('SIGKILL');
    expect((await call(`${platform.orders.url}/api/orders/${orderId}`, { user: customer })).body.status).toBe('AWAITING_PAYMENT');

    await platform.restartPayments();
    const order = await platform.settledOrder(orderId, customer, 40_000);
    expect(order.status).toBe('CONFIRMED');
    expect(order.history.filter((h: { to: string }) => h.to === 'CONFIRMED')).toHaveLength(1);
    expect(await platform.charges(checkoutId)).toMatchObject([{ status: 'captured', captured_amount: order.total }]);
    const ops = await platform.db.query("SELECT kind FROM payments.sim_operation o JOIN payments.sim_charge c ON c.id = o.charge_id WHERE c.reference = $1", [checkoutId]);
    expect(ops.rows).toEqual([{ kind: 'capture' }]);
    expect(await platform.stepAttempts(checkoutId, 'authorize_payment')).toBeGreaterThanOrEqual(2);
    expect(await platform.stock(sku!)).toMatchObject({ onHand: 4, committed: 2, reserved: 0, available: 2 });
  }, 90_000);

  /** Polls until `probe` holds (no fixed sleeps); fails with `what` after the deadline. */
  async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('an admin cancelling a CONFIRMED order gets the money back: payments refunds the capture, inventory restocks the units', async () => {
    const [sku] = await platform.product([2100], 3);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_approve');
    expect(await platform.settledOrder(orderId, customer)).toMatchObject({ status: 'CONFIRMED' });
    const cancel = await call(`${platform.orders.url}/api/admin/orders/${orderId}/cancel`, {
      method: 'POST',
      user: ADMIN,
      role: 'admin',
      json: { reason: 'customer changed their mind' },
    });
    expect(cancel.status).toBe(200);
    // The provider's charge is refunded first, the payment row right after (two writes): wait for both.
    let charge: { status: string; refunded_amount?: number } | undefined;
    let payments: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      charge = (await platform.charges(checkoutId))[0];
      payments = (await platform.db.query('SELECT status FROM payments.payment WHERE checkout_id = $1', [checkoutId])).rows;
      if (charge?.status === 'refunded' && (payments[0] as { status?: string } | undefined)?.status === 'refunded') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(charge).toMatchObject({ status: 'refunded', refunded_amount: cancel.body.total });
    expect(payments).toEqual([{ status: 'refunded' }]);
    // The sold unit is back for sale: committed → available, on hand unchanged.
    await until(async () => (await platform.stock(sku!)).committed === 0, 'the restock of the cancelled order');
    expect(await platform.stock(sku!)).toMatchObject({ onHand: 3, committed: 0, reserved: 0, available: 3 });
  });

  it('an admin refunds one line in part, then the rest: the money comes back per refund and the units per line', async () => {
    const [tee, cap] = await platform.product([2500, 999], 5);
    const { customer, cartId } = await platform.customerWithCart([
      { sku: tee!, quantity: 2 },
      { sku: cap!, quantity: 1 },
    ]);
    const { orderId, checkoutId } = await accepted(customer, cartId, 'tok_approve');
    const order = await platform.settledOrder(orderId, customer);
    expect(order.status).toBe('CONFIRMED');
    await until(async () => (await platform.charges(checkoutId))[0]?.status === 'captured', 'the capture');
    const refund = (json: unknown, key: string) =>
      call(`${platform.orders.url}/api/admin/orders/${orderId}/refunds`, { method: 'POST', user: ADMIN, role: 'admin', json, headers: { 'idempotency-key': key } });

    const tooMany = await refund({ lines: [{ sku: tee, quantity: 3 }], reason: 'x' }, randomUUID());
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details).toEqual({ field: 'lines.0.quantity' });

    const key = randomUUID();
    const first = await refund({ lines: [{ sku: tee, quantity: 1 }], reason: 'One arrived torn' }, key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'CONFIRMED', refunds: [{ amount: 2500, lines: [{ sku: tee, quantity: 1 }] }] });
    expect((await refund({ lines: [{ sku: tee, quantity: 1 }], reason: 'One arrived torn' }, key)).body.refunds).toHaveLength(1);
    await until(async () => (await platform.charges(checkoutId))[0]?.refunded_amount === 2500, 'the first refund at the PSP');
    await until(async () => (await platform.stock(tee!)).committed === 1, 'the restock of one unit');
    expect(await platform.stock(cap!)).toMatchObject({ committed: 1 });

    const rest = await call(`${platform.orders.url}/api/admin/orders/${orderId}/refund`, { method: 'POST', user: ADMIN, role: 'admin', json: { reason: 'Returned the rest' } });
    expect(rest.body).toMatchObject({ status: 'REFUNDED' });
    await until(async () => (await platform.charges(checkoutId))[0]?.status === 'refunded', 'the refund of the rest');
    expect((await platform.charges(checkoutId))[0]).toMatchObject({ refunded_amount: order.total, captured_amount: order.total });
    await until(async () => (await platform.stock(tee!)).committed === 0 && (await platform.stock(cap!)).committed === 0, 'the restock of the rest');
    expect(await platform.stock(tee!)).toMatchObject({ onHand: 5, available: 5 });
    await until(
      async () => (await platform.db.query("SELECT 1 FROM payments.payment WHERE checkout_id = $1 AND status = 'refunded'", [checkoutId])).rowCount === 1,
      'the payment row refunded',
    );
    const events = await platform.db.query(
      "SELECT envelope->'payload'->'amount'->>'amount' AS amount FROM messaging.outbox_event WHERE event_type = 'payments.payment.refunded.v1' AND envelope->'payload'->>'checkoutId' = $1 ORDER BY id",
      [checkoutId],
    );
    expect(events.rows.map((r: { amount: string }) => Number(r.amount))).toEqual([2500, order.total - 2500]);
  }, 90_000);

  it('invariants afterwards: every captured payment has a CONFIRMED order and the reverse; every cancelled order released its stock', async () => {
    expect(checkouts.length).toBeGreaterThanOrEqual(8);
    const { rows } = await platform.db.query(
      `SELECT c.id, c.state, c.reservation_id, o.status AS order_status, ch.status AS charge_status, r.status AS reservation_status
       FROM payments.checkout c
       LEFT JOIN orders."order" o ON o.checkout_id = c.id
       LEFT JOIN payments.sim_charge ch ON ch.idempotency_key = c.id || ':authorize'
       LEFT JOIN inventory.reservation r ON r.id = c.reservation_id
       WHERE c.id = ANY($1::uuid[])`,
      [checkouts],
    );
    expect(rows).toHaveLength(checkouts.length);
    for (const row of rows) {
      expect(row.state, row.id).toMatch(/^(completed|cancelled)$/);
      if (row.charge_status === 'captured') expect(row.order_status, row.id).toBe('CONFIRMED');
      if (row.order_status === 'CONFIRMED') expect(row.charge_status, row.id).toBe('captured');
      // Refunded in full (in one refund or several): all of the capture went back.
      if (row.order_status === 'REFUNDED') expect(row.charge_status, row.id).toBe('refunded');
      if (row.order_status === 'CANCELLED') {
        // Cancelled by the saga: never charged; cancelled by an admin after it was paid: refunded.
        expect(row.charge_status ?? 'none', row.id).toMatch(row.state === 'completed' ? /^refunded$/ : /^(none|declined|voided)$/);
        // The saga's cancellations released the stock (an admin's cancel of a sold order restocks it: committed → available).
        if (row.state === 'cancelled' && row.reservation_id) expect(row.reservation_status, row.id).toMatch(/^(released|expired)$/);
      }
    }
    const held = await platform.db.query(
      "SELECT count(*)::int AS n FROM inventory.reservation_item i JOIN payments.checkout c ON c.reservation_id = i.reservation_id WHERE i.status = 'held'",
    );
    expect(held.rows[0].n).toBe(0);
  });
});
