import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import proxyAddr from '@fastify/proxy-addr';
import { failure, FailureCode, type Failure } from '@shop/contracts';
import { extractTraceContext, getTracer, type Logger, type Metrics } from '@shop/observability';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseJsonSecurely } from 'secure-json-parse';
import { writeFailure } from './failure-reply.js';
import { answerFor, RETRY_AFTER_SECONDS } from './http-error-filter.js';
import type { RequestState } from './request-context.js';
import { isQuietPath, pathOf, REQUEST_ID_HEADER, requestIdFor } from './request-hooks.js';
import { REQUEST_TARGET_HEADER } from './request-target.js';

/**
 * A route served on the lean path: straight from node:http, before Fastify and Nest see the
 * request. The service kit still gives it a request id, a server span, RED metrics and an access
 * line, exactly as the Fastify hooks do for other routes.
 */
export interface LeanRoute {
  /** The route template for metrics and the access log, as Fastify would have named it (`/api/products/*`). */
  readonly template: string;
  /** Answers the request; a thrown or rejected error is answered like the error filter answers it. */
  handle(exchange: LeanExchange): Promise<void> | void;
}

/**
 * Looks at a request's head (method, URL, headers; nothing of the body has been read) and names
 * the lean route that takes it, or undefined to leave the request to Fastify, unchanged.
 */
export type LeanRouter = (request: IncomingMessage) => LeanRoute | undefined;

/** Who decides which connection addresses may speak for the client (Fastify's `trustProxy`). */
export type TrustProxy = boolean | string | string[];

type TrustFn = (address: string, hop: number) => boolean;

/** The same trust rule Fastify derives from `trustProxy`. */
function trustFunction(trustProxy: TrustProxy): TrustFn | undefined {
  if (trustProxy === false) return undefined;
  if (trustProxy === true) return () => true;
  return proxyAddr.compile(typeof trustProxy === 'string' ? trustProxy.split(',').map((s) => s.trim()) : trustProxy);
}

/** Why a JSON body could not be read; answered with the same status and message as the Fastify path. */
const BODY_FAILURES = {
  malformed: (): Failure => failure(FailureCode.BAD_REQUEST, 'Malformed JSON body'),
  tooLarge: (): Failure => failure(FailureCode.PAYLOAD_TOO_LARGE, 'Request body is too large'),
};

/** One request on the lean path: what a handler reads, and the answers it can give. */
export class LeanExchange {
  /** `x-request-id`: the caller's when plain, else a new UUID (as on the Fastify path). */
  readonly id: string;
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly startedAt = performance.now();
  state!: RequestState;

  constructor(
    readonly raw: IncomingMessage,
    readonly res: ServerResponse,
    readonly route: LeanRoute,
    private readonly trust: TrustFn | undefined,
  ) {
    this.id = requestIdFor(raw);
    this.method = raw.method ?? 'GET';
    this.url = raw.url ?? '/';
  }

  get headers(): IncomingHttpHeaders {
    return this.raw.headers;
  }

  get path(): string {
    return pathOf(this.url);
  }

  /** The client's address: the connection's, or what trusted proxies say (Fastify's `request.ip`). */
  get ip(): string {
    const peer = this.raw.socket.remoteAddress ?? '';
    if (!this.trust) return peer;
    const addresses = proxyAddr.all(this.raw, this.trust);
    return addresses[addresses.length - 1] ?? peer;
  }

  /** `http` or `https` (from a trusted proxy's `x-forwarded-proto`), as Fastify's `request.protocol`. */
  get protocol(): string {
    const forwarded = this.raw.headers['x-forwarded-proto'];
    if (this.trust && typeof forwarded === 'string' && this.trust(this.raw.socket.remoteAddress ?? '', 0)) {
      const last = forwarded.lastIndexOf(',');
      return last === -1 ? forwarded.trim() : forwarded.slice(last + 1).trim();
    }
    return (this.raw.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }

  /** Answers a failure with its status, the one error body and Retry-After (as `sendFailure`). */
  fail(failure: Failure): void {
    writeFailure(this.res, failure);
  }

  /**
   * Reads a JSON body of `length` bytes (the caller checked Content-Length against its limit),
   * parsed as Fastify parses it (prototype poisoning refused). Undefined after answering 400/413,
   * or when the client went away before sending it all.
   */
  async readJson(length: number): Promise<{ bytes: Buffer; value: unknown } | undefined> {
    const bytes = Buffer.allocUnsafe(length);
    let received = 0;
    try {
      for await (const chunk of this.raw as AsyncIterable<Buffer>) {
        if (received + chunk.length > length) {
          this.fail(BODY_FAILURES.tooLarge());
          return undefined;
        }
        chunk.copy(bytes, received);
        received += chunk.length;
      }
    } catch {
      // The client went away mid-body: nobody to answer; the dispatcher logs the abort.
      return undefined;
    }
    if (received !== length) {
      this.fail(BODY_FAILURES.malformed());
      return undefined;
    }
    try {
      return { bytes, value: parseJsonSecurely(bytes.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' }) };
    } catch {
      this.fail(BODY_FAILURES.malformed());
      return undefined;
    }
  }
}

export interface LeanDispatchDeps {
  logger: Logger;
  metrics: Metrics;
  trustProxy: TrustProxy;
  /** While shutting down every request goes to Fastify, which answers 503 on kept-alive connections. */
  isShuttingDown: () => boolean;
}

/**
 * The node:http request listener in front of Fastify: a request the router names a lean route
 * for is served here with the service kit's per-request behaviours (request id, trace context,
 * RED metrics, access log, failure answers); any other goes to `fallback` (Fastify) unchanged.
 */
export function leanDispatcher(
  router: LeanRouter,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
  deps: LeanDispatchDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const tracer = getTracer('@shop/service-kit');
  const trust = trustFunction(deps.trustProxy);
  const red = deps.metrics.http;
  const { logger } = deps;

  const completed = (exchange: LeanExchange): void => {
    const { res, state, route } = exchange;
    const elapsedMs = performance.now() - exchange.startedAt;
    if (!res.writableFinished) {
      // The client went away before the answer was complete (Fastify's onRequestAbort).
      if (!state.ended) {
        state.ended = true;
        state.span.setAttribute('http.request.aborted', true);
        state.span.end();
      }
      logger.info({ reqId: exchange.id, method: exchange.method, url: exchange.url, traceId: state.traceId }, 'request aborted by client');
      return;
    }
    const status = res.statusCode;
    red.series(exchange.method, route.template, status).record(elapsedMs / 1000);
    if (!state.ended) {
      state.ended = true;
      state.span.setAttribute('http.response.status_code', status);
      if (status >= 500) state.span.setStatus({ code: SpanStatusCode.ERROR });
      state.span.end();
    }
    const level = isQuietPath(exchange.path) ? 'debug' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          reqId: exchange.id,
          method: exchange.method,
          url: exchange.url,
          route: route.template,
          status,
          durationMs: Math.round(elapsedMs * 100) / 100,
          traceId: state.traceId,
        },
        'request completed',
      );
    }
  };

  const failed = (exchange: LeanExchange, error: unknown): void => {
    const answer = answerFor(error);
    const fields = { err: answer.severity === 'error' ? error : String(error), reqId: exchange.id, method: exchange.method, url: exchange.url, status: answer.status, code: answer.code, traceId: exchange.state.traceId };
    if (answer.severity === 'error') logger.error(fields, 'request failed');
    else if (answer.severity === 'warn') logger.warn(fields, answer.message);
    exchange.state.span.recordException(error instanceof Error ? error : String(error));
    if (exchange.res.headersSent) {
      exchange.res.destroy();
      return;
    }
    // As the error filter: any 503 tells the client when to come back.
    const retryAfterSeconds = answer.retryAfterSeconds ?? (answer.status === 503 ? RETRY_AFTER_SECONDS : undefined);
    writeFailure(exchange.res, failure(answer.code as FailureCode, answer.message, answer.details, retryAfterSeconds), answer.status);
  };

  const run = (exchange: LeanExchange): void => {
    try {
      const pending = exchange.route.handle(exchange);
      if (pending) pending.then(undefined, (error: unknown) => failed(exchange, error));
    } catch (error) {
      failed(exchange, error);
    }
  };

  return function dispatch(req: IncomingMessage, res: ServerResponse): void {
    const route = deps.isShuttingDown() ? undefined : router(req);
    if (route === undefined) return fallback(req, res);
    const exchange = new LeanExchange(req, res, route, trust);
    res.setHeader(REQUEST_ID_HEADER, exchange.id);
    // What identity signatures are bound to; always overwritten, so a client cannot supply it.
    req.headers[REQUEST_TARGET_HEADER] = `${exchange.method} ${exchange.url}`;
    // The state lives on the exchange: no Fastify hook or Nest filter ever sees this request.
    exchange.state = startServerSpan(tracer, exchange, req.headers);
    res.once('close', () => completed(exchange));
    context.with(exchange.state.context, run, undefined, exchange);
  };
}

function startServerSpan(tracer: Tracer, exchange: LeanExchange, headers: IncomingHttpHeaders): RequestState {
  // Most requests carry no trace context: no propagator work for them.
  const parent = headers.traceparent === undefined && headers.baggage === undefined ? ROOT_CONTEXT : extractTraceContext(headers);
  const route = exchange.route.template;
  const span = tracer.startSpan(`${exchange.method} ${route}`, { kind: SpanKind.SERVER }, parent);
  if (span.isRecording()) span.setAttributes({ 'http.request.method': exchange.method, 'http.route': route, 'url.path': exchange.path });
  return { span, context: trace.setSpan(parent, span), traceId: span.spanContext().traceId, ended: false };
}
