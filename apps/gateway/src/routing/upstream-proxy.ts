import type { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';

export interface UpstreamOptions {
  name: string;
  url: string;
  timeoutMs: number;
  connections: number;
}

/** One request to an upstream, already stripped and annotated by the edge (see forwarded-headers.ts). */
export interface UpstreamCall {
  method: string;
  /** Path and query, as received. */
  path: string;
  headers: Record<string, string>;
  /** A string or buffer, or an upload's stream (sent once: never retried). */
  body?: string | Buffer | Readable;
  signal?: AbortSignal;
}

/**
 * The transport to one upstream service: a keep-alive connection pool. Resolves when the
 * response headers arrive (the body streams afterwards); rejects with undici's errors.
 * Timeouts, retries, the breaker and the bulkhead wrap it (resilient-upstream.ts).
 */
export class UpstreamProxy {
  private readonly pool: Pool;

  constructor(readonly options: UpstreamOptions) {
    this.pool = new Pool(options.url, {
      connections: options.connections,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 2000),
    });
  }

  request(call: UpstreamCall): Promise<Dispatcher.ResponseData> {
    return this.pool.request({
      method: call.method as Dispatcher.HttpMethod,
      path: call.path,
      headers: call.headers,
      body: call.body,
      signal: call.signal,
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
