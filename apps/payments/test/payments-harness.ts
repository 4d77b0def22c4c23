import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import { testEnv, uniquePrefix } from '@shop/testing';
import type { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import { SimulatedCardProvider, type SimulatedCardProviderOptions } from '../src/adapters/simulated-card-provider.js';
import type { CheckoutRecord, NewCheckout } from '../src/domain/checkout.js';
import { SagaJobs, type SagaJobsOptions } from '../src/jobs/saga-jobs.js';

export function prismaClient(): PrismaClient {
  return createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'payments-tests', poolMax: 5 });
}

export function simulatedProvider(prisma: PrismaClient, options: Partial<SimulatedCardProviderOptions> = {}): SimulatedCardProvider {
  return new SimulatedCardProvider(prisma, { latencyMs: 0, slowLatencyMs: 300, transientFailures: 2, lateAnswerMs: 400, ...options });
}

export const authorization = (token: string, amount = 2500) => ({
  idempotencyKey: `${randomUUID()}:authorize`,
  amount,
  currency: 'EUR',
  token,
  reference: randomUUID(),
});

/** The saga's jobs on the run's Redis under a prefix of their own, with short test timings unless told otherwise. */
export function testSagaJobs(deps: Pick<SagaJobsOptions, 'runner' | 'repository' | 'logger'>, timings: Partial<SagaJobsOptions> = {}): SagaJobs {
  return new SagaJobs({
    redisUrl: testEnv().redisUrl,
    prefix: uniquePrefix(),
    concurrency: 4,
    attempts: 3,
    backoffMs: 20,
    lockMs: 5000,
    sweepMs: 60_000,
    staleMs: 60_000,
    abandonMs: 60_000,
    runAfterRequest: true,
    ...deps,
    ...timings,
  });
}

/** A checkout as the request inserts it: a signed-in customer's card payment, new key and customer each time. */
export function testCheckout(overrides: Partial<NewCheckout> = {}): NewCheckout {
  return {
    id: randomUUID(),
    idempotencyKey: randomUUID(),
    requestHash: 'h',
    customerId: randomUUID(),
    cartId: 'c_AAAAAAAAAAAAAAAAAAAAAA',
    guest: false,
    email: null,
    shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'DE' },
    paymentMethod: 'card',
    paymentToken: 'tok_approve',
    firstStep: 'quote',
    ...overrides,
  };
}

/** Inserts `testCheckout(overrides)`; throws when its key was taken. */
export async function insertTestCheckout(repository: CheckoutRepository, overrides: Partial<NewCheckout> = {}): Promise<CheckoutRecord> {
  const record = await repository.insert(testCheckout(overrides));
  if (!record) throw new Error('insert failed');
  return record;
}
