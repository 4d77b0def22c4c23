import {
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  retry,
  wrap,
  CircuitState,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { errors, type Dispatcher } from 'undici';
import { failure, FailureCode, type Failure } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { UpstreamConfig } from '../config.js';
import { BANNER_HEADERS, forwardedBody, forwardedHeaders, HOP_BY_HOP, type ForwardedRequest } from '../edge/forwarded-headers.js';
import type { CountCell, GatewayMetrics } from '../gateway-metrics.js';
import { UpstreamProxy } from './upstream-proxy.js';
import { UploadTooLargeError, uploadTooLarge } from '../edge/upload-passthrough.js';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** The request never reached the upstream, or its connection broke: safe to retry when idempotent. */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof errors.ConnectTimeoutError || err instanceof errors.SocketError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_CODES.has(code);
}

/** The upload limit an upload passed, when that is why the call failed (undici may wrap the stream's error). */
function uploadLimitOf(err: unknown): number | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof UploadTooLargeError) return e.limitBytes;
  }
  return undefined;
}

function isTimeout(err: unknown): boolean {
  return err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError;
}

/** 502/503/504 from the upstream means it is unhealthy: it counts against the breaker. */
function isUnhealthyAnswer(result: unknown): boolean {
  const status = (result as Dispatcher.ResponseData | undefined)?.statusCode;
  return status === 502 || status === 503 || status === 504;
}

export interface UpstreamDeps {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Signs the caller's identity for each forwarded request (services verify it). */
  identitySigningKey: string;
}

const BUFFERED_BODY_LIMIT = 64 * 1024;

/** What the gateway answers for a forwarded request: the upstream's answer, or a failure of its own. */
export type UpstreamAnswer =
  | { failure?: undefined; status: number; headers: IncomingHttpHeaders; body: Buffer | Readable }
  | { failure: Failure };

/** An upstream's answer read whole, or a failure of the gateway's own. */
export type BufferedAnswer = { failure?: undefined; status: number; headers: IncomingHttpHeaders; body: Buffer } | { failure: Failure };

/** Whether an upstream's response header goes back to the client (not per-hop, no banner). */
export function passesBack(name: string): boolean {
  return !HOP_BY_HOP.has(name) && !BANNER_HEADERS.has(name);
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Only requests that may safely run twice are retried: idempotent methods, or a POST with an Idempotency-Key. */
export function isRetryable(request: { method: string; headers: IncomingHttpHeaders }): boolean {
  return IDEMPOTENT_METHODS.has(request.method) || typeof request.headers['idempotency-key'] === 'string';
}

/**
 * One upstream behind its resilience policies (cockatiel), outermost first:
 * - bulkhead: at most `maxConcurrent` requests in flight plus `queue` waiting; beyond that 503
 *   at once, so one slow upstream cannot tie up the gateway's sockets and memory;
 * - retry (idempotent requests only): after a connection failure, with exponential backoff and
 *   decorrelated jitter;
 * - circuit breaker: `breakerFailures` consecutive failures (connection errors, timeouts,
 *   502/503/504) open it; while open every request gets 503 without touching the upstream; after
 *   `halfOpenAfterMs` one probe goes through and closes it again if it succeeds;
 * - timeout: per attempt, `timeoutMs` until the response headers arrive and between body
 *   chunks, enforced by the transport's own timers (undici's headers/body timeouts): a
 *   cockatiel TimeoutPolicy costs an AbortController and a timer per request, about a fifth of
 *   the gateway's CPU per proxied request when measured.
 */
export class ResilientUpstream {
  readonly breaker: CircuitBreakerPolicy;
  private readonly idempotent: IPolicy;
  private readonly once: IPolicy;
  private readonly logger: Logger;
  private readonly metrics: GatewayMetrics;
  private readonly identitySigningKey: string;
  private readonly outcomes = new Map<string, CountCell>();

  constructor(
    readonly name: string,
    private readonly transport: UpstreamProxy,
    private readonly options: UpstreamConfig,
    deps: UpstreamDeps,
  ) {
    this.logger = deps.logger;
    this.metrics = deps.metrics;
    this.identitySigningKey = deps.identitySigningKey;
    this.metrics.circuitState.set({ upstream: name }, CircuitState.Closed);
    const limit = bulkhead(options.maxConcurrent, options.queue);
    this.breaker = circuitBreaker(handleWhen((err) => isConnectionFailure(err) || isTimeout(err)).orWhenResult(isUnhealthyAnswer), {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerFailures),
    });
    const retries = retry(handleWhen(isConnectionFailure), {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 250 }),
    });
    retries.onRetry(() => this.metrics.upstreamRetries.inc({ upstream: name }));
    this.idempotent = wrap(limit, retries, this.breaker);
    this.once = wrap(limit, this.breaker);
    this.breaker.onStateChange((state) => {
      this.metrics.circuitState.set({ upstream: name }, state);
      const fields = { upstream: name, state: ['closed', 'open', 'half-open', 'isolated'][state] };
      if (state === CircuitState.Open) this.logger.warn(fields, 'upstream circuit opened: answering 503 without calling it');
      else this.logger.info(fields, 'upstream circuit changed state');
    });
  }

  /** An upstream at `options.url`; a resolver that picks among several instances creates one per instance. */
  static create(name: string, options: UpstreamConfig, deps: UpstreamDeps): ResilientUpstream {
    const transport = new UpstreamProxy({ name, url: options.url, timeoutMs: options.timeoutMs, connections: options.connections });
    return new ResilientUpstream(name, transport, options, deps);
  }

  /**
   * Forwards an admitted request through the policies and resolves with what to answer: the
   * upstream's status, headers (write those `passesBack` lets through) and body (a small body of
   * known length read whole, to go out in one write with its length; anything else a stream), or
   * a failure. Never rejects.
   */
  async forward(request: ForwardedRequest): Promise<UpstreamAnswer> {
    const headers = forwardedHeaders(request, this.identitySigningKey);
    const body = forwardedBody(request, headers);
    const call = { method: request.method, path: request.url, headers, body };
    // A streamed upload is read once: it can never be sent a second time.
    const policy = isRetryable(request) && !(body instanceof Readable) ? this.idempotent : this.once;
    let response: Dispatcher.ResponseData;
    try {
      response = await policy.execute(() => this.transport.request(call));
    } catch (err) {
      return this.failed(err);
    }
    this.outcomeCounter(`${Math.floor(response.statusCode / 100)}xx`).pending += 1;
    // A cached product is ~1 KiB: read whole, it leaves in one write with its length.
    const length = Number(response.headers['content-length']);
    if (length > 0 && length <= BUFFERED_BODY_LIMIT && request.method !== 'HEAD') {
      try {
        return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
      } catch (err) {
        return this.failed(err);
      }
    }
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }

  /**
   * One internal call made by the gateway itself (a reservation frame: routing/reservation-frames.ts)
   * through the same bulkhead, retry (when `retryable`) and breaker as a forwarded request, its
   * whole body read. Resolves with the answer or the failure a forwarded request would get; never rejects.
   */
  async call(request: { method: string; path: string; headers: Record<string, string>; body: string; retryable: boolean }): Promise<BufferedAnswer> {
    const { method, path, headers, body } = request;
    try {
      const response = await (request.retryable ? this.idempotent : this.once).execute(() => this.transport.request({ method, path, headers, body }));
      this.outcomeCounter(`${Math.floor(response.statusCode / 100)}xx`).pending += 1;
      return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
    } catch (err) {
      return this.failed(err);
    }
  }

  private failed(err: unknown): UpstreamAnswer & { failure: Failure } {
    const tooLarge = uploadLimitOf(err);
    if (tooLarge !== undefined) {
      this.outcomeCounter('rejected_upload').pending += 1;
      return { failure: uploadTooLarge(tooLarge).failure };
    }
    const answer = (code: FailureCode, message: string, outcome: string, retryAfter?: number): { failure: Failure } => {
      this.outcomeCounter(outcome).pending += 1;
      return { failure: failure(code, message, undefined, retryAfter) };
    };
    if (isBrokenCircuitError(err)) {
      const seconds = Math.max(1, Math.ceil(this.options.halfOpenAfterMs / 1000));
      return answer(FailureCode.UPSTREAM_UNAVAILABLE, `${this.name} is unavailable (circuit open after repeated failures); retry in ${seconds} s`, 'circuit_open', seconds);
    }
    if (isBulkheadRejectedError(err)) {
      return answer(FailureCode.UPSTREAM_UNAVAILABLE, `${this.name} is at capacity; retry shortly`, 'rejected', 1);
    }
    if (isTimeout(err) || err instanceof errors.ConnectTimeoutError) {
      return answer(FailureCode.UPSTREAM_TIMEOUT, `${this.name} did not answer in ${this.options.timeoutMs} ms`, 'timeout');
    }
    this.logger.warn({ upstream: this.name, err: err instanceof Error ? err.message : String(err) }, 'upstream request failed');
    return answer(FailureCode.UPSTREAM_UNAVAILABLE, `${this.name} is unavailable, try again shortly`, 'error', 5);
  }

  /** The upstream-requests count of one outcome, looked up once: a plain number folded into the counter at scrape time. */
  private outcomeCounter(outcome: string): CountCell {
    let counter = this.outcomes.get(outcome);
    if (!counter) {
      counter = this.metrics.upstreamOutcomes.cell(`${this.name}\n${outcome}`, { upstream: this.name, outcome });
      this.outcomes.set(outcome, counter);
    }
    return counter;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
