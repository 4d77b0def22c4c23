import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderRefundedV1, OrderStatusChangedV1, type Order, type OrderRefund } from '@shop/contracts';
import { createEvent } from '@shop/messaging';
import { createLogger } from '@shop/observability';
import { PaymentRepository } from '../src/adapters/payment.repository.js';
import { NotCapturedYetError, orderRefundsHandler } from '../src/messaging/order-refunds.consumer.js';
import { authorization, prismaClient, simulatedProvider } from './payments-harness.js';

/**
 * The consumer that returns money when a paid order is refunded or cancelled, against the real
 * ledger and the simulated PSP in Postgres: partial refunds add up, each effect happens and is
 * announced once, however often its event is delivered.
 */
describe('money back for refunded and cancelled orders', () => {
  const prisma = prismaClient();
  const provider = simulatedProvider(prisma);
  const payments = new PaymentRepository(prisma);
  const handle = orderRefundsHandler({ provider, payments, logger: createLogger({ service: 'payments-test', level: 'silent' }) });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  /** A checkout's payment of `amount`, authorized (and captured unless told) at the simulated PSP. */
  async function paid(amount: number, capture = true) {
    const req = authorization('tok_approve', amount);
    const { charge } = await provider.authorize(req);
    if (capture) await provider.capture({ idempotencyKey: `${req.reference}:capture`, chargeId: charge.id, amount });
    const checkoutId = randomUUID();
    const payment = await prisma.payment.create({
      data: {
        id: randomUUID(),
        checkoutId,
        provider: 'simulated',
        providerRef: charge.id,
        authorizationKey: req.idempotencyKey,
        status: capture ? 'captured' : 'authorized',
        amount,
        currency: 'EUR',
      },
    });
    return { payment, chargeId: charge.id, checkoutId };
  }

  function order(checkoutId: string, total: number, refunds: OrderRefund[] = []): Order {
    const at = new Date().toISOString();
    return {
      id: randomUUID(),
      number: 'SO-000777',
      customerId: randomUUID(),
      email: 'ada@example.com',
      status: 'CONFIRMED',
      currency: 'EUR',
      lines: [
        { sku: 'TEE', name: 'Tee', unitPrice: 2000, quantity: 2, lineTotal: 4000 },
        { sku: 'CAP', name: 'Cap', unitPrice: 1000, quantity: 1, lineTotal: 1000 },
      ],
      subtotal: 5000,
      discounts: [],
      discountTotal: 0,
      shipping: Math.max(0, total - 5000),
      total,
      shippingAddress: { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'N1', country: 'GB' },
      cancelReason: null,
      checkoutId,
      history: [],
      refunds,
      version: 4,
      createdAt: at,
      updatedAt: at,
    };
  }

  const refundOf = (amount: number, lines: OrderRefund['lines']): OrderRefund => ({
    id: randomUUID(),
    amount,
    lines,
    reason: 'Arrived damaged',
    actor: 'admin:x',
    at: new Date().toISOString(),
  });

  const refunded = (o: Order, refund: OrderRefund, final = false) =>
    createEvent(OrderRefundedV1, { aggregateId: o.id, version: o.version, payload: { refund, final, order: o }, source: 'orders' });

  const cancelled = (o: Order) =>
    createEvent(OrderStatusChangedV1, {
      aggregateId: o.id,
      version: o.version + 1,
      payload: { from: 'CONFIRMED', to: 'CANCELLED', reason: 'Customer asked', actor: 'admin:x', order: { ...o, status: 'CANCELLED' } },
      source: 'orders',
    });

  const paymentEvents = (paymentId: string) =>
    prisma.outboxEvent.findMany({ where: { aggregateId: paymentId, source: 'payments' }, orderBy: { id: 'asc' } });

  it('refunds each partial refund once, adds them up, and announces each with its lines', async () => {
    const { payment, chargeId, checkoutId } = await paid(5500);
    const o = order(checkoutId, 5500);
    const first = refundOf(2000, [{ sku: 'TEE', quantity: 1 }]);
    const event = refunded(o, first);
    await handle(event);
    await handle(event); // redelivered
    expect(await prisma.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: 'captured', refundedAmount: 2000 });
    const last = refundOf(3500, [
      { sku: 'TEE', quantity: 1 },
      { sku: 'CAP', quantity: 1 },
    ]);
    await handle(refunded({ ...o, refunds: [first] }, last, true));
    expect(await prisma.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: 'refunded', refundedAmount: 5500 });
    expect(await prisma.simCharge.findUnique({ where: { id: chargeId } })).toMatchObject({ status: 'refunded', refundedAmount: 5500 });

    const events = await paymentEvents(payment.id);
    expect(events.map((e) => [e.eventType, (e.envelope as { version: number }).version])).toEqual([
      ['payments.payment.refunded.v1', 3],
      ['payments.payment.refunded.v1', 4],
    ]);
    expect((events[0]!.envelope as { payload: unknown }).payload).toEqual({
      paymentId: payment.id,
      checkoutId,
      orderId: o.id,
      orderNumber: 'SO-000777',
      provider: 'simulated',
      amount: { amount: 2000, currency: 'EUR' },
      refundId: first.id,
      reason: 'Arrived damaged',
      lines: [{ sku: 'TEE', quantity: 1 }],
      refundedTotal: { amount: 2000, currency: 'EUR' },
      final: false,
    });
    expect((events[1]!.envelope as { payload: { final: boolean } }).payload.final).toBe(true);
  });

  it('a cancel after a partial refund refunds only what is left, once', async () => {
    const { payment, checkoutId } = await paid(5500);
    const first = refundOf(1000, [{ sku: 'CAP', quantity: 1 }]);
    const o = order(checkoutId, 5500, [first]);
    await handle(refunded(o, first));
    await handle(cancelled(o));
    await handle(cancelled(o));
    expect(await prisma.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: 'refunded', refundedAmount: 5500 });
    const events = await paymentEvents(payment.id);
    expect(events.map((e) => (e.envelope as { payload: { amount: { amount: number } } }).payload.amount.amount)).toEqual([1000, 4500]);
  });

  it('voids an authorization when a confirmed order is cancelled before capture, once', async () => {
    const { payment, chargeId, checkoutId } = await paid(3000, false);
    const o = order(checkoutId, 3000);
    await handle(cancelled(o));
    await handle(cancelled(o));
    expect(await prisma.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: 'voided', refundedAmount: 0 });
    expect(await prisma.simCharge.findUnique({ where: { id: chargeId } })).toMatchObject({ status: 'voided' });
    expect((await paymentEvents(payment.id)).map((e) => e.eventType)).toEqual(['payments.payment.voided.v1']);
  });

  it('a refund waits (the delivery fails, to be retried) until the payment is captured', async () => {
    const { checkoutId } = await paid(3000, false);
    await expect(handle(refunded(order(checkoutId, 3000), refundOf(1000, [{ sku: 'CAP', quantity: 1 }])))).rejects.toBeInstanceOf(NotCapturedYetError);
  });

  it('moves no money on the move to REFUNDED itself (its refund event did)', async () => {
    const { payment, checkoutId } = await paid(3000);
    const o = order(checkoutId, 3000);
    await handle(
      createEvent(OrderStatusChangedV1, {
        aggregateId: o.id,
        version: 5,
        payload: { from: 'CONFIRMED', to: 'REFUNDED', reason: 'x', actor: 'admin:x', order: { ...o, status: 'REFUNDED' } },
        source: 'orders',
      }),
    );
    expect(await prisma.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: 'captured', refundedAmount: 0 });
  });
});
