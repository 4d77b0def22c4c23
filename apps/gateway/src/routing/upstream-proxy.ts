import { Pool, errors } from 'undici';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { injectTraceHeaders } from '@shop/observability';

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1), plus ones we recompute. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

export interface UpstreamOptions {
  name: string;
  url: string;
  timeoutMs: number;
  connections: number;
}

/** Forwards requests to one upstream service over a keep-alive connection pool. */
export class UpstreamProxy {
  private readonly pool: Pool;

  constructor(private readonly options: UpstreamOptions) {
    this.pool = new Pool(options.url, {
      connections: options.connections,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 2000),
    });
  }

  async forward(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || hopByHop.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers['x-request-id'] = String(request.id);
    headers['x-forwarded-for'] = request.ip;
    headers['x-forwarded-proto'] = request.protocol;
    injectTraceHeaders(headers);
    const body = request.body === undefined || request.body === null ? undefined : JSON.stringify(request.body);
    if (body !== undefined) headers['content-type'] = 'application/json';

    try {
      const upstream = await this.pool.request({
        method: request.method as 'GET',
        path: request.url,
        headers,
        body,
      });
      reply.code(upstream.statusCode);
      for (const [name, value] of Object.entries(upstream.headers)) {
        if (value !== undefined && !hopByHop.has(name)) reply.header(name, value);
      }
      return reply.send(upstream.body);
    } catch (err) {
      return this.failed(err, reply);
    }
  }

  private failed(err: unknown, reply: FastifyReply): FastifyReply {
    const timedOut =
      err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError || err instanceof errors.ConnectTimeoutError;
    if (timedOut) {
      return reply
        .code(504)
        .send({ error: { code: 'UPSTREAM_TIMEOUT', message: `${this.options.name} did not answer in ${this.options.timeoutMs} ms` } });
    }
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ error: { code: 'UPSTREAM_UNAVAILABLE', message: `${this.options.name} is unavailable, try again shortly` } });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
