import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createLogger,
  createMetrics,
  initTracing,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  shutdownTracing,
} from '@shop/observability';
import type { FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { leanDispatcher, type LeanRouter } from './lean-dispatch.js';
import { assertTrustKeys } from './caller.js';
import { type ErrorMapper, HttpErrorFilter } from './http-error-filter.js';
import { NestPinoLogger } from './nest-logger.js';
import { registerOperationalRoutes, serveMetrics } from './operational-routes.js';
import { installProcessSafetyNet } from './process-safety-net.js';
import { installRequestHooks, requestIdFor } from './request-hooks.js';
import { ERROR_MAPPERS, LOGGER, METRICS } from './tokens.js';

export interface ServiceOptions {
  /** Service name: the `service` field of logs, label of metrics, OTel service.name. */
  name: string;
  /** The service's root Nest module. */
  module: Type<unknown> | DynamicModule;
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 0.0.0.0. */
  host?: string;
  /** Checks behind GET /health/ready (database, Redis, ...). */
  readiness?: ReadinessCheck[];
  /** Time limit of each readiness check; default 2000 ms. */
  readinessTimeoutMs?: number;
  /** Largest accepted request body; default 1 MiB. Larger bodies get 413. */
  bodyLimitBytes?: number;
  /**
   * Maps library errors to HTTP answers before the built-in rules run: in the error filter, and
   * for routes registered straight on Fastify through the ERROR_MAPPERS provider.
   */
  errorMappers?: ErrorMapper[];
  /** Runs after in-flight requests have finished: stop consumers, close connections. */
  onShutdown?: () => Promise<void>;
  /**
   * Runs first when shutdown starts, before waiting for in-flight requests: end responses that
   * never finish by themselves (server-sent event streams), or the wait would not end.
   */
  onClosing?: () => Promise<void> | void;
  /** Default: createLogger({ service: name }). */
  logger?: Logger;
  /**
   * Install SIGTERM/SIGINT handlers that shut down gracefully and exit, and the process safety
   * net (an uncaught dependency failure is logged, anything else exits 1); default true.
   */
  handleSignals?: boolean;
  /** Exit with 1 if a signal-driven shutdown takes longer than this; default 25 s. */
  shutdownTimeoutMs?: number;
  /** Fastify `trustProxy`: honour X-Forwarded-* from these proxies; default false. */
  trustProxy?: boolean | string | string[];
  /**
   * Serve GET /metrics on its own listener instead of the main port (port 0 = random; host
   * default 127.0.0.1). For services whose main port is public.
   */
  metricsListener?: { port: number; host?: string };
  /**
   * Refuse to start without strong IDENTITY_SIGNING_SECRET and SERVICE_CREDENTIAL_SECRET
   * (every service verifies callers with them); default true.
   */
  requireTrustKeys?: boolean;
  /**
   * Fastify plugins registered before the routes listen (Nest's `app.register`), e.g. a
   * multipart parser for a service that takes uploads.
   */
  plugins?: ReadonlyArray<{ plugin: FastifyPluginCallback<never> | FastifyPluginAsync<never>; options?: Record<string, unknown> }>;
  /**
   * Routes served on the lean path, before Fastify and Nest (hot proxied or engine routes): given
   * the service's logger and metrics, returns the router that names a lean route for a request
   * head, or undefined to leave the request to Fastify. See lean-dispatch.ts.
   */
  lean?: (kit: { logger: Logger; metrics: Metrics }) => LeanRouter;
}

export interface RunningService {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Where GET /metrics answers: `url`, or the separate metrics listener. */
  metricsUrl: string;
  logger: Logger;
  metrics: Metrics;
  /** Graceful stop: no new connections, in-flight requests finish, onShutdown, Nest close. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

// Fastify's defaults for the server it would have created itself (lib/server.js).
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

function leanServer(listener: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.requestTimeout = 0;
  server.setTimeout(0);
  return server;
}

@Global()
@Module({})
class ObservabilityModule {}

@Module({})
class ServiceRootModule {}

/**
 * Boots a Nest service on Fastify the one way every service boots: request ids, a server span
 * per request, JSON access logs, RED metrics, one error body, health and metrics routes,
 * graceful shutdown. Resolves once it listens.
 */
export async function bootstrapService(options: ServiceOptions): Promise<RunningService> {
  if (options.requireTrustKeys ?? true) assertTrustKeys();
  initTracing({ service: options.name });
  const logger = options.logger ?? createLogger({ service: options.name });
  const metrics = createMetrics(options.name);
  const errorMappers: readonly ErrorMapper[] = options.errorMappers ?? [];
  let shuttingDown = false;

  const leanRouter = options.lean?.({ logger, metrics });
  const adapter = new FastifyAdapter({
    ...(leanRouter && {
      // The service kit owns the node:http server so that lean routes answer before Fastify.
      serverFactory: (fastifyHandler: (req: IncomingMessage, res: ServerResponse) => void) =>
        leanServer(leanDispatcher(leanRouter, fastifyHandler, { logger, metrics, trustProxy: options.trustProxy ?? false, isShuttingDown: () => shuttingDown })),
    }),
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: requestIdFor,
    // New requests on kept-alive connections get 503 while closing; idle connections are closed.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [
      options.module,
      {
        module: ObservabilityModule,
        providers: [
          { provide: LOGGER, useValue: logger },
          { provide: METRICS, useValue: metrics },
          { provide: ERROR_MAPPERS, useValue: errorMappers },
        ],
        exports: [LOGGER, METRICS, ERROR_MAPPERS],
      },
    ],
  };
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });

  const instance = app.getHttpAdapter().getInstance();
  // Hooks apply to routes registered after them: these go in before app.init() adds Nest's.
  installRequestHooks(instance, { logger, metrics });
  registerOperationalRoutes(instance, {
    metrics,
    readiness: options.readiness ?? [],
    checkTimeoutMs: options.readinessTimeoutMs,
    isShuttingDown: () => shuttingDown,
    logger,
    metricsRoute: options.metricsListener === undefined,
  });
  app.useGlobalFilters(new HttpErrorFilter(adapter, logger, errorMappers));
  for (const { plugin, options: pluginOptions } of options.plugins ?? []) {
    await app.register(plugin as FastifyPluginAsync, pluginOptions ?? {});
  }

  try {
    await app.listen(options.port, options.host ?? '0.0.0.0');
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let metricsServer: { url: string; close(): Promise<void> } | undefined;
  if (options.metricsListener) {
    try {
      metricsServer = await serveMetrics(metrics, options.metricsListener.port, options.metricsListener.host ?? '127.0.0.1');
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  let signalled = false;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shuttingDown = true;
      if (!signalled) removeSignalHandlers();
      logger.info('shutting down: refusing new connections, waiting for in-flight requests');
      await options.onClosing?.();
      // Fastify's close stops accepting and resolves once every in-flight request has finished.
      // Node's server.close() closes only the connections idle at that moment: one busy then stays
      // open after its response for the keep-alive timeout (72 s), and close waits for it. So each
      // connection is closed as soon as it falls idle.
      const closeIdle = setInterval(() => instance.server.closeIdleConnections(), 50);
      try {
        await instance.close();
      } finally {
        clearInterval(closeIdle);
      }
      let failure: unknown;
      if (options.onShutdown) {
        try {
          await options.onShutdown();
        } catch (error) {
          failure = error;
          logger.error({ err: error }, 'onShutdown failed');
        }
      }
      await app.close();
      await metricsServer?.close();
      logger.info('stopped');
      if (failure !== undefined) throw failure;
    })();
    return closing;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'signal received: shutting down gracefully');
    // Deliberately not unref'd: a shutdown stuck on a forgotten promise must end in a visible
    // timeout, not in a silent exit 0 once the event loop happens to drain.
    setTimeout(() => {
      logger.error({ timeoutMs: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out: exiting');
      process.exit(1);
    }, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    close()
      .then(() => shutdownTracing())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  let removeSafetyNet = (): void => undefined;
  const removeSignalHandlers = (): void => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    removeSafetyNet();
  };
  if (options.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    removeSafetyNet = installProcessSafetyNet({ logger });
  }

  logger.info({ url, port, metricsUrl: metricsServer?.url }, 'listening');
  return { app, url, metricsUrl: metricsServer?.url ?? url, logger, metrics, close };
}
