import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { SimulatedCardProvider, type SimulatedCardProviderOptions } from '../src/adapters/simulated-card-provider.js';

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

export function uniquePrefix(): string {
  return `${testEnv().redisPrefix}${Math.random().toString(36).slice(2, 8)}:`;
}
