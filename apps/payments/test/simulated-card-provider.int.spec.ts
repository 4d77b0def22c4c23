import { afterAll, describe, expect, it } from 'vitest';
import { ProviderRefusedError, ProviderTimeoutError, ProviderUnavailableError } from '../src/application/payment-provider.js';
import { TimeoutPaymentProvider } from '../src/adapters/timeout-payment-provider.js';
import { authorization, prismaClient, simulatedProvider } from './payments-harness.js';

/** The simulated PSP against its real ledger in Postgres: every test token, and idempotency by key. */
describe('simulated card provider', () => {
  const prisma = prismaClient();
  const sim = simulatedProvider(prisma);
  const charges = async (key: string) => prisma.simCharge.findMany({ where: { idempotencyKey: key } });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it('tok_approve authorizes, captures and refunds, each once per key', async () => {
    const req = authorization('tok_approve', 4200);
    const first = await sim.authorize(req);
    expect(first).toMatchObject({ outcome: 'authorized', charge: { status: 'authorized', amount: 4200, currency: 'EUR' } });
    expect(await sim.authorize(req)).toEqual(first); // a replay answers the same charge
    const captured = await sim.capture({ idempotencyKey: `${req.reference}:capture`, chargeId: first.charge.id, amount: 4200 });
    expect(captured).toMatchObject({ status: 'captured', capturedAmount: 4200 });
    expect(await sim.capture({ idempotencyKey: `${req.reference}:capture`, chargeId: first.charge.id, amount: 4200 })).toEqual(captured);
    const refunded = await sim.refund({ idempotencyKey: `${req.reference}:refund`, chargeId: first.charge.id, amount: 4200 });
    expect(refunded).toMatchObject({ status: 'refunded', refundedAmount: 4200 });
    expect(await charges(req.idempotencyKey)).toHaveLength(1);
    expect(await prisma.simOperation.count({ where: { chargeId: first.charge.id } })).toBe(2);
  });

  it('refunds in parts, never more than captured minus refunded, each part once per key', async () => {
    const req = authorization('tok_approve', 5000);
    const { charge } = await sim.authorize(req);
    await sim.capture({ idempotencyKey: `${req.reference}:capture`, chargeId: charge.id, amount: 5000 });
    const part = await sim.refund({ idempotencyKey: `${req.reference}:refund:1`, chargeId: charge.id, amount: 1500 });
    expect(part).toMatchObject({ status: 'captured', capturedAmount: 5000, refundedAmount: 1500 });
    // The same key again (at once, ten times) refunds nothing more; another amount under it is refused.
    const replays = await Promise.all(Array.from({ length: 10 }, () => sim.refund({ idempotencyKey: `${req.reference}:refund:1`, chargeId: charge.id, amount: 1500 })));
    expect(replays.map((r) => r.refundedAmount)).toEqual(Array(10).fill(1500));
    await expect(sim.refund({ idempotencyKey: `${req.reference}:refund:1`, chargeId: charge.id, amount: 100 })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    await expect(sim.refund({ idempotencyKey: `${req.reference}:refund:2`, chargeId: charge.id, amount: 3501 })).rejects.toMatchObject({ code: 'amount_too_large' });
    // Two different refunds racing for the rest: exactly one fits.
    const race = await Promise.allSettled([
      sim.refund({ idempotencyKey: `${req.reference}:refund:3`, chargeId: charge.id, amount: 3500 }),
      sim.refund({ idempotencyKey: `${req.reference}:refund:4`, chargeId: charge.id, amount: 3500 }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [row] = await charges(req.idempotencyKey);
    expect(row).toMatchObject({ status: 'refunded', capturedAmount: 5000, refundedAmount: 5000 });
    expect(await prisma.simOperation.count({ where: { chargeId: charge.id, kind: 'refund' } })).toBe(2);
  });

  it('tok_decline and unknown tokens are declined, and stay declined', async () => {
    const req = authorization('tok_decline');
    expect(await sim.authorize(req)).toMatchObject({ outcome: 'declined', declineCode: 'card_declined' });
    expect(await sim.authorize(req)).toMatchObject({ outcome: 'declined' });
    expect(await sim.authorize(authorization('tok_visa'))).toMatchObject({ outcome: 'declined', declineCode: 'invalid_token' });
    await expect(sim.capture({ idempotencyKey: 'x', chargeId: (await charges(req.idempotencyKey))[0]!.id, amount: 2500 })).rejects.toBeInstanceOf(
      ProviderRefusedError,
    );
  });

  it('tok_transient fails the first n calls with a retryable error, then authorizes', async () => {
    const req = authorization('tok_transient_2');
    await expect(sim.authorize(req)).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(sim.authorize(req)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(await sim.retrieve(req.idempotencyKey)).toMatchObject({ status: 'pending' });
    expect(await sim.authorize(req)).toMatchObject({ outcome: 'authorized' });
    expect(await charges(req.idempotencyKey)).toMatchObject([{ calls: 3, status: 'authorized' }]);
  });

  it('tok_timeout authorizes but answers after the client gave up; retrieve finds it by key', async () => {
    const client = new TimeoutPaymentProvider(sim, 100);
    const req = authorization('tok_timeout');
    await expect(client.authorize(req)).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(await client.retrieve(req.idempotencyKey)).toMatchObject({ status: 'authorized', amount: 2500 });
  });

  it('a void of a key never seen is recorded, so the authorization arriving later is refused', async () => {
    const req = authorization('tok_approve');
    const voided = await sim.void({ idempotencyKey: `${req.reference}:void`, authorizationKey: req.idempotencyKey, amount: 2500, currency: 'EUR' });
    expect(voided).toMatchObject({ status: 'voided' });
    expect(await sim.authorize(req)).toMatchObject({ outcome: 'voided' });
    expect(await charges(req.idempotencyKey)).toMatchObject([{ status: 'voided', capturedAmount: 0 }]);
  });

  it('voids an authorization; refuses to void a captured charge (refund it instead)', async () => {
    const a = authorization('tok_approve');
    await sim.authorize(a);
    expect(await sim.void({ idempotencyKey: 'v1', authorizationKey: a.idempotencyKey, amount: 2500, currency: 'EUR' })).toMatchObject({ status: 'voided' });
    expect(await sim.void({ idempotencyKey: 'v1', authorizationKey: a.idempotencyKey, amount: 2500, currency: 'EUR' })).toMatchObject({ status: 'voided' });
    await expect(sim.capture({ idempotencyKey: 'c1', chargeId: (await charges(a.idempotencyKey))[0]!.id, amount: 2500 })).rejects.toMatchObject({
      code: 'charge_voided',
    });

    const b = authorization('tok_approve');
    const { charge } = await sim.authorize(b);
    await sim.capture({ idempotencyKey: `${b.reference}:capture`, chargeId: charge.id, amount: 2500 });
    await expect(sim.void({ idempotencyKey: 'v2', authorizationKey: b.idempotencyKey, amount: 2500, currency: 'EUR' })).rejects.toMatchObject({
      code: 'charge_captured',
    });
  });

  it('concurrent authorizations with one key make one charge', async () => {
    const req = authorization('tok_approve');
    const answers = await Promise.all(Array.from({ length: 10 }, () => sim.authorize(req)));
    expect(new Set(answers.map((a) => a.charge.id)).size).toBe(1);
    expect(await charges(req.idempotencyKey)).toHaveLength(1);
  });

  it('refuses the same key for another amount', async () => {
    const req = authorization('tok_approve', 1000);
    await sim.authorize(req);
    await expect(sim.authorize({ ...req, amount: 2000 })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
  });
});
