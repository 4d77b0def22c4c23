import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext, getTracer, type Logger, type Metrics, UNMATCHED_ROUTE } from '@shop/observability';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestStateOf, setRequestState } from './request-context.js';
import { REQUEST_TARGET_HEADER } from './request-target.js';

export const REQUEST_ID_HEADER = 'x-request-id';

// An incoming id is trusted only if it is short and plain, so it cannot forge log content.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: the caller's `x-request-id` when sane, else a new UUID. */
export function requestIdFor(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Paths probed constantly by Kubernetes and Prometheus: logged at debug, not info. */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

export function isQuietPath(path: string): boolean {
  return QUIET_PATHS.has(path);
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function routeOf(request: FastifyRequest): string {
  return request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
}

/**
 * Per request: echo the request id, start a server span continuing any incoming
 * `traceparent` and make it the active context, then on response record RED metrics, end the
 * span and write one access-log line. Must be installed before Nest registers its routes.
 */
export function installRequestHooks(instance: FastifyInstance, deps: { logger: Logger; metrics: Metrics }): void {
  const tracer = getTracer('@shop/service-kit');
  const { logger, metrics } = deps;
  instance.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // What identity signatures are bound to; always overwritten, so a client cannot supply it.
    request.headers[REQUEST_TARGET_HEADER] = `${request.method} ${request.url}`;
    // Most requests carry no trace context: no propagator work for them.
    const headers = request.headers;
    const parent = headers.traceparent === undefined && headers.baggage === undefined ? ROOT_CONTEXT : extractTraceContext(headers);
    const route = routeOf(request);
    const span = tracer.startSpan(`${request.method} ${route}`, { kind: SpanKind.SERVER }, parent);
    // Attributes only for a span that is recorded (exported or asked for by the caller's sampled flag).
    if (span.isRecording()) span.setAttributes({ 'http.request.method': request.method, 'http.route': route, 'url.path': pathOf(request.url) });
    const spanContext = trace.setSpan(parent, span);
    setRequestState(request.raw, { span, context: spanContext, traceId: span.spanContext().traceId, ended: false });
    context.with(spanContext, done);
  });

  // Body parsing runs on socket events, which lose the async context: enter it again so that
  // guards, pipes and the handler (and their logs and outgoing calls) see the server span.
  instance.addHook('preHandler', (request, _reply, done) => {
    const state = requestStateOf(request);
    if (state) context.with(state.context, done);
    else done();
  });

  instance.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    const status = reply.statusCode;
    metrics.http.series(request.method, route, status).record(reply.elapsedTime / 1000);

    const state = requestStateOf(request);
    if (state && !state.ended) {
      state.ended = true;
      state.span.setAttribute('http.response.status_code', status);
      if (status >= 500) state.span.setStatus({ code: SpanStatusCode.ERROR });
      state.span.end();
    }
    const level = isQuietPath(pathOf(request.url)) ? 'debug' : 'info';
    // The line's fields are only built when it is written (services often run at warn).
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          reqId: request.id,
          method: request.method,
          url: request.url,
          route,
          status,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
          traceId: state?.traceId,
        },
        'request completed',
      );
    }
    done();
  });

  instance.addHook('onRequestAbort', (request, done) => {
    const state = requestStateOf(request);
    if (state && !state.ended) {
      state.ended = true;
      state.span.setAttribute('http.request.aborted', true);
      state.span.end();
    }
    logger.info({ reqId: request.id, method: request.method, url: request.url, traceId: state?.traceId }, 'request aborted by client');
    done();
  });
}
