import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { EventEnvelope, PaymentsEvents } from '@shop/contracts';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import type { CheckoutChange, PaymentWrite } from '../src/domain/checkout.js';
import { prismaClient, insertTestCheckout } from './payments-harness.js';

/**
 * The saga's payment writes announce `payments.payment.*` events through the outbox, in the same
 * statement as the transition: once per status change, never for a transition that lost its race.
 */
describe('payments events from the saga', () => {
  const prisma = prismaClient();
  const repository = new CheckoutRepository(prisma);

  afterAll(async () => {
    await prisma.$disconnect();
  });

  const newCheckout = () => insertTestCheckout(repository);

  const payment = (over: Partial<PaymentWrite> = {}): PaymentWrite => ({
    id: randomUUID(),
    provider: 'simulated',
    providerRef: 'ch_1',
    authorizationKey: randomUUID(),
    status: 'authorized',
    amount: 4200,
    currency: 'EUR',
    declineCode: null,
    ...over,
  });

  const change = (pay: PaymentWrite, orderId?: string): CheckoutChange => ({
    state: 'running',
    currentStep: 'authorize_payment',
    deadFrom: null,
    attemptsDelta: 0,
    steps: [],
    payment: pay,
    ...(orderId ? { patch: { orderId } } : {}),
  });

  const events = (paymentId: string) => prisma.outboxEvent.findMany({ where: { aggregateId: paymentId, source: 'payments' }, orderBy: { id: 'asc' } });

  it('announces authorized then captured once each, with the order id, matching the contracts', async () => {
    const c = await newCheckout();
    const orderId = randomUUID();
    const pay = payment();
    const a = await repository.transition(c.id, c.version, change(pay, orderId));
    // A retried step writes the same status again: nothing new to announce.
    const again = await repository.transition(c.id, a!.version, change(pay));
    // A transition that lost its race (stale version) writes nothing at all.
    expect(await repository.transition(c.id, c.version, change({ ...pay, status: 'captured' }))).toBeNull();
    await repository.transition(c.id, again!.version, change({ ...pay, status: 'captured' }));
    const rows = await events(pay.id);
    expect(rows.map((r) => r.eventType)).toEqual(['payments.payment.authorized.v1', 'payments.payment.captured.v1']);
    const byType = new Map<string, (typeof PaymentsEvents)[number]>(PaymentsEvents.map((d) => [d.type, d]));
    for (const row of rows) {
      const envelope = EventEnvelope.parse(row.envelope);
      expect(byType.get(envelope.eventType)!.payload.safeParse(envelope.payload).error).toBeUndefined();
      expect(envelope.payload).toMatchObject({ paymentId: pay.id, checkoutId: c.id, orderId, amount: { amount: 4200, currency: 'EUR' } });
      expect(row.stream).toBe('events.payments');
    }
  });

  it('keeps the provider reference of the payment on the checkout (what the capture names), from the write that brings it', async () => {
    const c = await newCheckout();
    expect(c.paymentRef).toBeNull();
    const a = await repository.transition(c.id, c.version, change(payment({ providerRef: 'ch_ref_1' })));
    expect(a?.paymentRef).toBe('ch_ref_1');
    // A transition without a payment write keeps it; so does a payment write without a reference.
    const b = await repository.transition(c.id, a!.version, { state: 'running', currentStep: 'commit_stock', deadFrom: null, attemptsDelta: 0, steps: [] });
    expect(b?.paymentRef).toBe('ch_ref_1');
    const d = await repository.transition(c.id, b!.version, change(payment({ providerRef: null, status: 'declined' })));
    expect(d?.paymentRef).toBe('ch_ref_1');
    expect((await repository.find(c.id))?.paymentRef).toBe('ch_ref_1');
  });

  it('announces a declined card as failed, with the reason, and a compensating void as voided', async () => {
    const c = await newCheckout();
    const declined = payment({ status: 'declined', declineCode: 'insufficient_funds' });
    await repository.transition(c.id, c.version, change(declined));
    expect((await events(declined.id)).map((r) => [r.eventType, (r.envelope as { payload: { reason: string; orderId: null } }).payload])).toEqual([
      ['payments.payment.failed.v1', expect.objectContaining({ code: 'insufficient_funds', reason: 'the card was declined (insufficient_funds)', orderId: null })],
    ]);
    const d = await newCheckout();
    const pay = payment();
    const a = await repository.transition(d.id, d.version, change(pay));
    await repository.transition(d.id, a!.version, change({ ...pay, status: 'voided' }));
    expect((await events(pay.id)).map((r) => r.eventType)).toEqual(['payments.payment.authorized.v1', 'payments.payment.voided.v1']);
  });
});
