import { describe, expect, it } from 'vitest';
import type { Order } from '@shop/contracts';
import { api, asCustomer, orderBody, useTestOrders } from './orders-harness.js';


const orders = useTestOrders({ env: { SHIPPING_FLAT_FEE: '495' } });

describe('creating an order (internal, for the checkout saga)', () => {
  it('creates a PENDING order with totals, a number and its first history entry', async () => {
    const body = orderBody({ shippingAddress: { name: 'Ada', line1: '1 Road', line2: '', city: 'Berlin', postalCode: '10115', country: 'de' } });
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect(res.status).toBe(201);
    const order = res.body as Order;
    expect(order).toMatchObject({
      status: 'PENDING',
      customerId: body.customerId,
      checkoutId: body.checkoutId,
      email: 'ada@example.com',
      currency: 'EUR',
      subtotal: 2 * 2500 + 999,
      shipping: 495, // SHIPPING_FLAT_FEE when the body has none
      total: 2 * 2500 + 999 + 495,
      cancelReason: null,
      version: 1,
      shippingAddress: { name: 'Ada', line1: '1 Road', city: 'Berlin', postalCode: '10115', country: 'DE' },
    });
    expect(order.number).toMatch(/^SO-\d{6}$/);
    expect(order.lines).toEqual([
      { sku: body.lines[0].sku, name: 'Merino Tee M', unitPrice: 2500, quantity: 2, lineTotal: 5000 },
      { sku: body.lines[1].sku, name: 'Cap', unitPrice: 999, quantity: 1, lineTotal: 999 },
    ]);
    expect(order.history).toEqual([{ from: null, to: 'PENDING', reason: null, actor: 'checkout', at: order.createdAt }]);

    const mine = await api(orders.url, `/api/orders/${order.number}`, { as: asCustomer(body.customerId!) });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(order);
  });

  it('creates the order AWAITING_PAYMENT when the checkout asks, its history and events showing PENDING first, in one write', async () => {
    const body = orderBody({ status: 'AWAITING_PAYMENT' });
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect(res.status).toBe(201);
    const order = res.body as Order;
    expect(order).toMatchObject({ status: 'AWAITING_PAYMENT', version: 2 });
    expect(order.history).toEqual([
      { from: null, to: 'PENDING', reason: null, actor: 'checkout', at: order.createdAt },
      { from: 'PENDING', to: 'AWAITING_PAYMENT', reason: null, actor: 'checkout', at: order.createdAt },
    ]);
    const mine = await api(orders.url, `/api/orders/${order.id}`, { as: asCustomer(body.customerId!) });
    expect(mine.body).toEqual(order);
    // The events as the old two calls wrote them, in version order, with the number the database gave.
    const events = await orders.prisma.outboxEvent.findMany({ where: { aggregateId: order.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => `${e.eventType}@${(e.envelope as { version: number }).version}`)).toEqual([
      'orders.order.created.v1@1',
      'orders.order.status-changed.v1@2',
    ]);
    const payloads = events.map((e) => (e.envelope as { payload: { order: Order } }).payload);
    expect(payloads[0]).toMatchObject({ order: { id: order.id, number: order.number, status: 'PENDING', version: 1, history: [order.history[0]] } });
    expect(payloads[1]).toMatchObject({ from: 'PENDING', to: 'AWAITING_PAYMENT', order: { number: order.number, status: 'AWAITING_PAYMENT', version: 2 } });
    // A retry answers the same order, unchanged.
    const again = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(order);
  });

  it('uses the shipping the checkout gives, including zero', async () => {
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: orderBody({ shipping: 0 }) });
    expect(res.body).toMatchObject({ shipping: 0, total: 5999 });
  });

  it('records the quote\'s discounts: total = subtotal − discounts + shipping, shown in the customer\'s view', async () => {
    const base0 = orderBody({ shipping: 495 });
    const discounts = [
      { source: 'promotion', sourceId: 'promo-tees', label: 'Tee week', reason: '10% off Tees', amount: 500, sku: base0.lines[0].sku },
      { source: 'coupon', sourceId: 'WELCOME10', label: 'Welcome', reason: 'coupon WELCOME10', amount: 1000 },
    ];
    const body = { ...base0, discounts, discountTotal: 1500 };
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ subtotal: 5999, discounts, discountTotal: 1500, shipping: 495, total: 5999 - 1500 + 495 });
    const mine = await api(orders.url, `/api/orders/${(res.body as Order).id}`, { as: asCustomer(body.customerId!) });
    expect(mine.body).toMatchObject({ discounts, discountTotal: 1500, total: 4994 });
    const row = await orders.prisma.order.findUniqueOrThrow({ where: { id: (res.body as Order).id } });
    expect([row.discountTotal, row.total]).toEqual([1500, 4994]);
  });

  it('refuses discounts that do not add up to discountTotal, or name a SKU without a line, with 400 and no order', async () => {
    const coupon = { source: 'coupon', sourceId: 'WELCOME10', label: 'Welcome', reason: 'coupon WELCOME10', amount: 1000 };
    const wrongSum = orderBody();
    const r1 = await api(orders.url, '/internal/orders', { method: 'POST', json: { ...wrongSum, discounts: [coupon], discountTotal: 999 } });
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body)).toContain('discountTotal');
    const otherSku = orderBody();
    const r2 = await api(orders.url, '/internal/orders', { method: 'POST', json: { ...otherSku, discounts: [{ ...coupon, sku: 'NOT-IN-ORDER' }] } });
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.body)).toContain('discounts.0.sku');
    expect(await orders.prisma.order.count({ where: { checkoutId: { in: [wrongSum.checkoutId, otherSku.checkoutId] } } })).toBe(0);
  });

  it('answers the same order with 200 when the same checkout creates it again', async () => {
    const body = orderBody();
    const first = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    const again = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
  });

  it('creates exactly one order when 20 duplicate calls race', async () => {
    const body = orderBody();
    const results = await Promise.all(Array.from({ length: 20 }, () => api(orders.url, '/internal/orders', { method: 'POST', json: body })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await orders.prisma.order.count({ where: { checkoutId: body.checkoutId } })).toBe(1);
    const id = results[0].body.id as string;
    expect(await orders.prisma.outboxEvent.count({ where: { aggregateId: id, eventType: 'orders.order.created.v1' } })).toBe(1);
    expect(await orders.prisma.orderStatusChange.count({ where: { orderId: id } })).toBe(1);
  });

  it('refuses a checkout id reused for another customer or other lines (409), creating nothing', async () => {
    const body = orderBody();
    expect((await api(orders.url, '/internal/orders', { method: 'POST', json: body })).status).toBe(201);
    for (const other of [{ ...body, customerId: orderBody().customerId }, { ...body, lines: [{ ...body.lines[0], quantity: 9 }] }]) {
      const res = await api(orders.url, '/internal/orders', { method: 'POST', json: other });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CHECKOUT_ID_REUSED');
    }
    expect(await orders.prisma.order.count({ where: { checkoutId: body.checkoutId } })).toBe(1);
  });

  it('answers bad input with 400 naming every field, and writes nothing', async () => {
    const body = {
      ...orderBody(),
      currency: 'euro',
      email: 'not-an-email',
      lines: [{ sku: 'lower', name: '', unitPrice: 1.5, quantity: 0 }],
      shippingAddress: { name: 'Ada', line1: '1 Road', city: 'Paris', postalCode: '75001', country: 'FRA' },
      colour: 'red',
    };
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'currency',
        'email',
        'lines.0.sku',
        'lines.0.name',
        'lines.0.unitPrice',
        'lines.0.quantity',
        'shippingAddress.country',
        'colour',
      ]),
    );
    expect(await orders.prisma.order.count({ where: { checkoutId: body.checkoutId } })).toBe(0);

    const missing = await api(orders.url, '/internal/orders', { method: 'POST', json: { checkoutId: body.checkoutId } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'customerId', reason: 'is required' },
        { field: 'lines', reason: 'is required' },
        { field: 'shippingAddress', reason: 'is required' },
      ]),
    );
  });

  it('refuses a total larger than an amount column holds with 422', async () => {
    const body = orderBody({ lines: [{ sku: 'BIG-1', name: 'Yacht', unitPrice: 100_000_000, quantity: 1000 }] });
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('AMOUNT_TOO_LARGE');
  });
});
