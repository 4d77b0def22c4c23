import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, testEnv } from '@shop/testing';
import { PaymentsEnv, paymentsConfigFrom } from '../src/config.js';
import { SimulatedProviderRefusedError, startPayments } from '../src/payments-app.js';
import { prismaClient } from './payments-harness.js';

/**
 * Finding 8 of the security review: in production the built-in simulated provider would approve
 * `tok_approve` and ship goods for free. It must not start there unless explicitly allowed.
 */
const prisma = prismaClient();
afterAll(async () => {
  await prisma.$disconnect();
});

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const configFor = (env: Record<string, string>) => {
  const { databaseUrl, redisUrl, redisPrefix } = testEnv();
  return paymentsConfigFrom(PaymentsEnv.parse({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: `${redisPrefix}guard:`, ...env }));
};

describe('the simulated card provider in production', () => {
  it('refuses to start with NODE_ENV=production: nothing listens, no charge can be made', async () => {
    const port = await freePort();
    const chargesBefore = await prisma.simCharge.count();
    await expect(startPayments(configFor({ NODE_ENV: 'production', PAYMENTS_PORT: String(port) }), { handleSignals: false })).rejects.toBeInstanceOf(
      SimulatedProviderRefusedError,
    );
    expect(await listening(port)).toBe(false);
    expect(await prisma.simCharge.count()).toBe(chargesBefore);
  });

  it('is allowed in production only with ALLOW_SIMULATED_PAYMENTS=true, and anywhere else by default', () => {
    expect(configFor({ NODE_ENV: 'production' }).simulatedProviderAllowed).toBe(false);
    expect(configFor({ NODE_ENV: 'production', ALLOW_SIMULATED_PAYMENTS: 'false' }).simulatedProviderAllowed).toBe(false);
    expect(configFor({ NODE_ENV: 'production', ALLOW_SIMULATED_PAYMENTS: 'true' }).simulatedProviderAllowed).toBe(true);
    expect(configFor({ NODE_ENV: 'development' }).simulatedProviderAllowed).toBe(true);
    expect(configFor({}).simulatedProviderAllowed).toBe(true);
  });
});
