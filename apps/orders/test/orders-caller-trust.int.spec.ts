import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Order } from '@shop/contracts';
import { identityHeaders, serviceHeaders } from '@shop/testing';
import { api, asAdmin, createOrder, orderBody, orderIn, useTestOrders } from './orders-harness.js';

/**
 * Finding 5 of the security review: the orders service believed bare `x-user-*` headers and took
 * order creation and status changes on /internal from anyone who reached its port.
 */
const orders = useTestOrders();

const stored = async (id: string) => (await api(orders.url, `/internal/orders/${id}`)).body as Order;

describe('/internal/orders answers only the payments service', () => {
  it('refuses a status change without a credential (401), with a forged or expired one (401), from another service (403); the order is unchanged', async () => {
    const order = await createOrder(orders.url);
    const before = await stored(order.id);
    const forged = serviceHeaders('payments')['x-service-credential']!.replace(/.{6}$/, 'AAAAAA');
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [{ 'x-service-credential': forged }, 401],
      [serviceHeaders('payments', { nowMs: Date.now() - 10 * 60_000 }), 401],
      [serviceHeaders('cart'), 403],
    ];
    for (const [headers, status] of attempts) {
      const res = await api(orders.url, `/internal/orders/${order.id}/transitions`, {
        method: 'POST',
        json: { to: 'CANCELLED', reason: 'OUT_OF_STOCK', actor: 'mallory' },
        service: null,
        headers,
      });
      expect(res.status).toBe(status);
      expect((await api(orders.url, `/internal/orders/${order.id}`, { service: null, headers })).status).toBe(status);
    }
    expect(await stored(order.id)).toEqual(before);
  });

  it('refuses a payment claim without a credential (401), with a forged one (401), from another service (403); the order stays unclaimed', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    const forged = serviceHeaders('payments')['x-service-credential']!.replace(/.{6}$/, 'AAAAAA');
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [{ 'x-service-credential': forged }, 401],
      [serviceHeaders('cart'), 403],
    ];
    for (const [headers, status] of attempts) {
      const res = await api(orders.url, `/internal/orders/${order.id}/payment-claim`, { method: 'POST', json: { checkoutId: order.checkoutId }, service: null, headers });
      expect(res.status).toBe(status);
    }
    expect(await stored(order.id)).toMatchObject({ status: 'AWAITING_PAYMENT', version: order.version });
    const row = await orders.prisma.order.findUnique({ where: { id: order.id }, select: { paymentClaimedAt: true } });
    expect(row?.paymentClaimedAt).toBeNull();
    // The payments service's own credential is let in (so the refusals above are the credential's doing).
    expect((await api(orders.url, `/internal/orders/${order.id}/payment-claim`, { method: 'POST', json: { checkoutId: order.checkoutId } })).status).toBe(200);
  });

  it('refuses to create an order without a credential: nothing is stored', async () => {
    const body = orderBody();
    const res = await api(orders.url, '/internal/orders', { method: 'POST', json: body, service: null });
    expect(res.status).toBe(401);
    expect(await orders.prisma.order.count({ where: { checkoutId: body.checkoutId } })).toBe(0);
  });
});

describe('customer and admin routes verify the gateway signature', () => {
  it('refuses bare, replayed-for-another-path, expired and role-promoted identities with 401', async () => {
    const order = await createOrder(orders.url);
    const me = { userId: order.customerId!, role: 'customer' as const };
    const path = `/api/orders/${order.id}`;
    const attempts: Record<string, string>[] = [
      { 'x-user-id': order.customerId!, 'x-user-role': 'customer' },
      identityHeaders(me, { method: 'GET', path: '/api/orders' }),
      identityHeaders(me, { method: 'GET', path, nowMs: Date.now() - 10 * 60_000 }),
      { ...identityHeaders(me, { method: 'GET', path: '/api/admin/orders' }), 'x-user-role': 'admin' },
    ];
    for (const headers of attempts) {
      const own = await api(orders.url, path, { headers });
      expect(own.status).toBe(401);
      expect(own.body.error.code).toBe('UNAUTHORIZED');
    }
    expect((await api(orders.url, '/api/admin/orders', { headers: { ...identityHeaders(me, { method: 'GET', path: '/api/admin/orders' }), 'x-user-role': 'admin' } })).status).toBe(401);
    // The genuine article still works.
    expect((await api(orders.url, path, { as: me })).status).toBe(200);
  });

  it('refuses a customer on an admin route (403) and cancels nothing', async () => {
    const order = await createOrder(orders.url);
    const res = await api(orders.url, `/api/admin/orders/${order.id}/cancel`, {
      method: 'POST',
      json: { reason: 'not mine to cancel' },
      as: { userId: randomUUID(), role: 'customer' },
    });
    expect(res.status).toBe(403);
    expect((await stored(order.id)).status).toBe(order.status);
    expect((await api(orders.url, `/api/admin/orders/${order.id}`, { as: asAdmin() })).status).toBe(200);
  });
});
