import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CHECK_TIMEOUT_MS, type Logger, type Metrics, type ReadinessCheck, runReadinessChecks } from '@shop/observability';
import type { FastifyInstance } from 'fastify';

/**
 * GET /health/live, /health/ready and /metrics, registered on Fastify directly so every
 * service has them without adding a Nest controller.
 */
export function registerOperationalRoutes(
  instance: FastifyInstance,
  deps: {
    metrics: Metrics;
    readiness: readonly ReadinessCheck[];
    checkTimeoutMs?: number;
    isShuttingDown: () => boolean;
    logger: Logger;
    /** False when metrics are served on their own internal listener (serveMetrics). */
    metricsRoute: boolean;
  },
): void {
  instance.get('/health/live', async () => ({ status: 'ok' }));

  instance.get('/health/ready', async (_request, reply) => {
    if (deps.isShuttingDown()) {
      return reply.code(503).send({ status: 'unavailable', checks: { shutdown: 'down: shutting down' } });
    }
    const report = await runReadinessChecks(deps.readiness, deps.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    // The probe's answer says which dependency is down; why (hosts, driver messages) goes to the logs.
    if (!report.ready) deps.logger.warn({ checks: report.causes }, 'not ready');
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? 'ok' : 'unavailable', checks: report.checks });
  });

  if (!deps.metricsRoute) return;
  instance.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.header('content-type', deps.metrics.registry.contentType).send(body);
  });
}

/**
 * GET /metrics on a listener of its own (default 127.0.0.1), for a service whose main port is
 * public (the gateway): Prometheus scrapes it from inside, the internet never sees it.
 */
export async function serveMetrics(metrics: Metrics, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"Not found"}}');
      return;
    }
    metrics.registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
