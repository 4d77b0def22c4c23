import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OrderPaymentClaim, type Order } from '@shop/contracts';
import { api, asAdmin, orderIn, useTestOrders, transition } from './orders-harness.js';

/**
 * The checkout saga's payment claim against an admin's cancel, on the real service and Postgres:
 * the claim is a conditional write at the saga's point of no return; once made, an admin cannot
 * cancel the order until the saga confirms it; whichever of the two lands first wins, never both.
 */
const orders = useTestOrders();

const claim = (order: Pick<Order, 'id' | 'checkoutId'>, checkoutId = order.checkoutId) =>
  api(orders.url, `/internal/orders/${order.id}/payment-claim`, { method: 'POST', json: { checkoutId } });
const adminCancel = (order: Pick<Order, 'id'>, json: Record<string, unknown> = { reason: 'the customer phoned' }) =>
  api(orders.url, `/api/admin/orders/${order.id}/cancel`, { method: 'POST', json, as: asAdmin() });
const claimedAt = async (id: string) => (await orders.prisma.order.findUniqueOrThrow({ where: { id }, select: { paymentClaimedAt: true } })).paymentClaimedAt;
const stored = async (id: string) => (await api(orders.url, `/internal/orders/${id}`)).body as Order;

describe('the payment claim', () => {
  it('claims an order that awaits its payment (status unchanged, version on) and answers the claim; the same checkout claiming again gets the same claim', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    expect(order.paymentClaimedAt).toBeUndefined();
    const first = await claim(order);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const after = await stored(order.id);
    // The answer is the claim (the contract's OrderPaymentClaim), as the order now says it.
    expect(OrderPaymentClaim.parse(first.body)).toEqual({ id: order.id, checkoutId: order.checkoutId, status: 'AWAITING_PAYMENT', version: order.version + 1, paymentClaimedAt: after.paymentClaimedAt });
    expect(after).toMatchObject({ status: 'AWAITING_PAYMENT', version: order.version + 1 });
    // The order says so while it awaits its payment (the console offers no cancel then).
    expect(after.paymentClaimedAt).toBe((await claimedAt(order.id))!.toISOString());
    const again = await claim(order);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await stored(order.id)).toEqual(after);
  });

  it('refuses an admin\'s cancel of a claimed order with 409 ORDER_PAYMENT_IN_PROGRESS saying what to do; once confirmed, the cancel goes through', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    expect((await claim(order)).status).toBe(200);
    const before = await stored(order.id);
    const refused = await adminCancel(order);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'ORDER_PAYMENT_IN_PROGRESS',
      details: { checkoutId: order.checkoutId, claimedAt: expect.any(String) },
    });
    expect(refused.body.error.message).toMatch(/payment of this order is being completed.*cancel it again/);
    expect(await stored(order.id)).toEqual(before);

    const confirmed = await transition(orders.url, order.id, { to: 'CONFIRMED', from: 'AWAITING_PAYMENT' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.paymentClaimedAt).toBeUndefined();
    expect(confirmed.body).toEqual(await stored(order.id));
    const cancelled = await adminCancel(order);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'the customer phoned' });
    expect(cancelled.body.history.slice(-2).map((h: { from: string; to: string }) => `${h.from}->${h.to}`)).toEqual(['AWAITING_PAYMENT->CONFIRMED', 'CONFIRMED->CANCELLED']);
  });

  it('lets the saga cancel its claimed order (its compensation before the pivot); a claim after that is refused', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    expect((await claim(order)).status).toBe(200);
    const undone = await transition(orders.url, order.id, { to: 'CANCELLED', reason: 'CHECKOUT_EXPIRED' });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'CHECKOUT_EXPIRED' });
    const late = await claim(order);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'ORDER_NOT_PAYABLE', details: { status: 'CANCELLED', cancelReason: 'CHECKOUT_EXPIRED' } });
  });

  it('refuses to claim an order an admin cancelled first: 409 ORDER_NOT_PAYABLE with the status and the admin\'s reason; nothing claimed', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    expect((await adminCancel(order)).status).toBe(200);
    const res = await claim(order);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'ORDER_NOT_PAYABLE',
      message: 'the order is CANCELLED (the customer phoned), no longer awaiting its payment',
      details: { status: 'CANCELLED', cancelReason: 'the customer phoned' },
    });
    expect(await claimedAt(order.id)).toBeNull();
  });

  it('refuses a PENDING order, another checkout\'s claim (409 CONFLICT), a bad body (400 naming checkoutId) and an unknown order (404)', async () => {
    const pending = await orderIn(orders.url, 'PENDING');
    expect((await claim(pending)).body.error).toMatchObject({ code: 'ORDER_NOT_PAYABLE', details: { status: 'PENDING' } });
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    const other = await claim(order, randomUUID());
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    const bad = await api(orders.url, `/internal/orders/${order.id}/payment-claim`, { method: 'POST', json: { checkoutId: 'nope' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('checkoutId');
    expect((await claim({ id: randomUUID(), checkoutId: order.checkoutId })).status).toBe(404);
    expect(await claimedAt(order.id)).toBeNull();
    expect(await claimedAt(pending.id)).toBeNull();
  });
});

describe('the claim racing an admin\'s cancel', () => {
  const ROUNDS = 30;

  it(`exactly one wins, ${ROUNDS} times over: claimed and the cancel refused, or cancelled and the claim refused`, async () => {
    const outcomes = { claimed: 0, cancelled: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
      // Alternate who is sent first, so both orders of arrival get their chance.
      const [claimed, cancelled] =
        round % 2 === 0
          ? await Promise.all([claim(order), adminCancel(order)])
          : await Promise.all([adminCancel(order), claim(order)]).then(([c, k]) => [k, c] as const);
      const after = await stored(order.id);
      const at = await claimedAt(order.id);
      if (claimed.status === 200) {
        expect(cancelled.status, `round ${round}: ${JSON.stringify(cancelled.body)}`).toBe(409);
        expect(cancelled.body.error.code).toBe('ORDER_PAYMENT_IN_PROGRESS');
        expect(after.status).toBe('AWAITING_PAYMENT');
        expect(at).toBeInstanceOf(Date);
        outcomes.claimed++;
      } else {
        expect(claimed.status, `round ${round}: ${JSON.stringify(claimed.body)}`).toBe(409);
        expect(claimed.body.error.code).toBe('ORDER_NOT_PAYABLE');
        expect(cancelled.status, `round ${round}: ${JSON.stringify(cancelled.body)}`).toBe(200);
        expect(after).toMatchObject({ status: 'CANCELLED', cancelReason: 'the customer phoned' });
        expect(at).toBeNull();
        outcomes.cancelled++;
      }
    }
    expect(outcomes.claimed + outcomes.cancelled).toBe(ROUNDS);
  }, 60_000);

  it('the saga\'s retried claims racing a cancel agree with each other: both granted or both refused', async () => {
    for (let round = 0; round < 10; round++) {
      const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
      const [a, cancelled, b] = await Promise.all([claim(order), adminCancel(order), claim(order)]);
      expect(a.status, `round ${round}`).toBe(b.status);
      expect([200, 409]).toContain(a.status);
      expect(cancelled.status, `round ${round}`).toBe(a.status === 200 ? 409 : 200);
    }
  }, 30_000);
});
