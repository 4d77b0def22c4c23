import { ExponentialBackoff, handleType, retry, type RetryPolicy } from 'cockatiel';
import { Agent, type Dispatcher } from 'undici';
import { injectTraceHeaders } from '@shop/observability';
import { serviceCredentialHeaders } from './caller.js';

/**
 * The other service did not answer (refused, reset, timed out) or answered 5xx/429: try later.
 * The HTTP edge answers it 503 DEPENDENCY_UNAVAILABLE naming the service, never its address.
 */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
  constructor(
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
  }
}

export interface ServiceResponse {
  status: number;
  /** Parsed JSON, the raw text if it was not JSON, undefined if empty. */
  body: unknown;
  /** The `retry-after` header, if any. */
  retryAfter?: string;
  /** The callee answered a stored result for a repeated idempotent request (`idempotent-replayed: true`). */
  replayed: boolean;
}

export interface ServiceRequest {
  body?: unknown;
  headers?: Record<string, string>;
  /** Another origin than the client's default (e.g. one inventory peer among several). */
  origin?: string;
  /**
   * Whether repeating the request is safe. Defaults to true for GET, HEAD, PUT and DELETE; a POST
   * is safe when the callee deduplicates it (an Idempotency-Key, a natural key).
   */
  idempotent?: boolean;
  /** Statuses returned as answers instead of thrown, e.g. a 503 the caller passes through as it is. */
  passStatuses?: readonly number[];
}

export interface ServiceClientOptions {
  /** Who is calling, as the callee's service-credential check knows it: "payments", "cart"... */
  caller: string;
  /** Who is called, for error messages and logs: "orders", "catalog"... */
  service: string;
  /** The default origin, e.g. http://127.0.0.1:3004. */
  origin?: string;
  /** Longest wait for a connection, for the response headers, and between body chunks. */
  timeoutMs: number;
  /** Keep-alive connections per origin. */
  connections?: number;
  /** Extra attempts of an idempotent request after a network failure or a 5xx; 0 = none. */
  retries?: number;
  /** Extra headers on every request (e.g. a hop marker). */
  headers?: Record<string, string>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * The one way a service calls another: JSON over keep-alive undici pools (one per origin), short
 * timeouts, the caller's signed service credential and the trace context in the headers, jittered
 * retries only where repeating is safe, and every "no answer" as `UpstreamUnavailableError`.
 * Statuses below 500 (and not 429) are answers for the caller to read.
 */
export class ServiceClient {
  private readonly agent: Agent;
  private readonly retryPolicy: RetryPolicy | undefined;

  constructor(private readonly options: ServiceClientOptions) {
    this.agent = new Agent({
      connections: options.connections ?? 16,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      pipelining: 1,
    });
    const retries = options.retries ?? 0;
    this.retryPolicy =
      retries > 0
        ? retry(handleType(UpstreamUnavailableError), {
            maxAttempts: retries,
            backoff: new ExponentialBackoff({ initialDelay: 25, maxDelay: 250 }),
          })
        : undefined;
  }

  get origin(): string | undefined {
    return this.options.origin;
  }

  get service(): string {
    return this.options.service;
  }

  async request(method: string, path: string, init: ServiceRequest = {}): Promise<ServiceResponse> {
    const idempotent = init.idempotent ?? SAFE_METHODS.has(method);
    if (!this.retryPolicy || !idempotent) return this.once(method, path, init);
    return this.retryPolicy.execute(() => this.once(method, path, init));
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async once(method: string, path: string, init: ServiceRequest): Promise<ServiceResponse> {
    const origin = init.origin ?? this.options.origin;
    if (!origin) throw new Error(`no origin for a call to ${this.options.service}`);
    const what = `${method} ${path.split('?')[0]}`;
    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      res = await this.agent.request({
        origin,
        method: method as Dispatcher.HttpMethod,
        path,
        headers: injectTraceHeaders({
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...serviceCredentialHeaders(this.options.caller),
          ...this.options.headers,
          ...init.headers,
        }),
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      text = await res.body.text();
    } catch (err) {
      throw new UpstreamUnavailableError(this.options.service, `no answer to ${what}: ${messageOf(err)}`, { cause: err });
    }
    const status = res.statusCode;
    const body = parseJson(text);
    if ((status >= 500 || status === 429) && !init.passStatuses?.includes(status)) {
      const code = errorOf(body).code;
      throw new UpstreamUnavailableError(this.options.service, `answered ${status} to ${what}${code ? ` (${code})` : ''}`);
    }
    const retryAfter = res.headers['retry-after'];
    return {
      status,
      body,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
      replayed: res.headers['idempotent-replayed'] === 'true',
    };
  }
}

/** The code, message and details of the platform's error body, as far as the body is one. */
export function errorOf(body: unknown): { code?: string; message?: string; details?: unknown } {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
    details: error?.details,
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}
