import { DEFAULT_CHECK_TIMEOUT_MS, type Metrics, type ReadinessCheck, runReadinessChecks } from '@shop/observability';
import type { FastifyInstance } from 'fastify';

/**
 * GET /health/live, /health/ready and /metrics, registered on Fastify directly so every
 * service has them without adding a Nest controller.
 */
export function registerOperationalRoutes(
  instance: FastifyInstance,
  deps: { metrics: Metrics; readiness: readonly ReadinessCheck[]; checkTimeoutMs?: number; isShuttingDown: () => boolean },
): void {
  instance.get('/health/live', async () => ({ status: 'ok' }));

  instance.get('/health/ready', async (_request, reply) => {
    if (deps.isShuttingDown()) {
      return reply.code(503).send({ status: 'unavailable', checks: { shutdown: 'down: shutting down' } });
    }
    const report = await runReadinessChecks(deps.readiness, deps.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? 'ok' : 'unavailable', checks: report.checks });
  });

  instance.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.header('content-type', deps.metrics.registry.contentType).send(body);
  });
}
