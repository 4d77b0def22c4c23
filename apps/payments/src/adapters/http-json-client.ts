import { Pool } from 'undici';
import { injectTraceHeaders } from '@shop/observability';
import { serviceCredentialHeaders } from '@shop/service-kit';

/** Who payments says it is to the services it calls (their /internal routes check it). */
const CALLER = 'payments';

/** The other service did not answer (refused, reset, timed out) or answered 5xx: retry later. */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
    this.name = 'UpstreamUnavailableError';
  }
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

export interface JsonHttpClientOptions {
  /** For error messages: "orders", "inventory", ... */
  service: string;
  url: string;
  /** Longest wait for a connection, for the response headers, and between body chunks. */
  timeoutMs: number;
  connections: number;
}

/**
 * JSON over a keep-alive undici pool with short timeouts; the trace context travels in the
 * headers. Network failures and 5xx answers become `UpstreamUnavailableError`; any other status
 * is the caller's to interpret.
 */
export class JsonHttpClient {
  private readonly pool: Pool;

  constructor(private readonly options: JsonHttpClientOptions) {
    this.pool = new Pool(options.url, {
      connections: options.connections,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      pipelining: 1,
    });
  }

  get url(): string {
    return this.options.url;
  }

  async request(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
    let status: number;
    let text: string;
    try {
      const res = await this.pool.request({
        method: method as 'GET',
        path,
        headers: injectTraceHeaders({
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...serviceCredentialHeaders(CALLER),
          ...init.headers,
        }),
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new UpstreamUnavailableError(this.options.service, `no answer to ${method} ${path.split('?')[0]}: ${messageOf(err)}`, { cause: err });
    }
    if (status >= 500 || status === 429) {
      throw new UpstreamUnavailableError(this.options.service, `answered ${status} to ${method} ${path.split('?')[0]}${codeSuffix(parseJson(text))}`);
    }
    return { status, body: parseJson(text) };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** The `code` of the platform's error body, if the body is one. */
export function errorCodeOf(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

export function errorOf(body: unknown): { code: string; message: string; details: unknown } {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : 'UNKNOWN',
    message: typeof error?.message === 'string' ? error.message : 'no message',
    details: error?.details,
  };
}

function codeSuffix(body: unknown): string {
  const code = errorCodeOf(body);
  return code ? ` (${code})` : '';
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
