import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@shop/observability';
import { createPrismaClient } from '@shop/persistence';
import { statementsPerPage, testEnv } from '@shop/testing';
import { CheckoutRepository } from '../src/adapters/checkout.repository.js';
import { CheckoutService } from '../src/application/checkout-service.js';
import { createPaymentsMetrics } from '../src/payments-metrics.js';
import { SagaRunner, type SagaSteps } from '../src/saga/saga-runner.js';
import { testCheckout, testSagaJobs } from './payments-harness.js';

/**
 * The admin checkout list (`GET /api/admin/checkouts`) answers a page with a constant number of
 * SQL statements: the checkouts, then all their steps at once, never one query per checkout.
 * Counted on the wire: every statement the pool's connections send.
 */
describe('admin checkout list', () => {
  const statements: string[] = [];
  const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'payments-tests', poolMax: 5, onStatement: (sql) => statements.push(sql) });
  const repository = new CheckoutRepository(prisma);
  const logger = createLogger({ service: 'payments-test', level: 'silent' });
  // Listing runs no saga step and enqueues nothing: the runner gets no steps, the queue stays idle.
  const runner = new SagaRunner(repository, {} as SagaSteps, logger);
  const jobs = testSagaJobs({ runner, repository, logger }, { concurrency: 1, attempts: 1 });
  const checkouts = new CheckoutService(repository, runner, jobs, createPaymentsMetrics());

  afterAll(async () => {
    await jobs.stop();
    await prisma.$disconnect();
  });

  it('answers 50 checkouts, each with its own steps, in as many queries as 5', async () => {
    const customerId = randomUUID();
    for (let i = 0; i < 50; i++) {
      await repository.insert(testCheckout({ idempotencyKey: `list-${i}`, customerId }));
    }

    const { small, large } = await statementsPerPage(statements, (limit) => checkouts.list({ limit }));
    expect([small.page.items.length, large.page.items.length]).toEqual([5, 50]);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(2);

    // Every checkout got its own steps (the newest are ours: one running quote step each).
    const ours = large.page.items.filter((c) => c.customerId === customerId);
    expect(ours.length).toBeGreaterThan(0);
    for (const c of ours) expect(c.steps.map((s) => `${s.step}/${s.status}/${s.attempts}`)).toEqual(['quote/running/1']);
    for (const c of large.page.items.slice(0, 10)) {
      expect(c.steps.map((s) => s.step).sort()).toEqual((await repository.steps(c.id)).map((s) => s.step).sort());
    }
  });
});
