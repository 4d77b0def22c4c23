import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { failure, Failed, FailureCode } from '@shop/contracts';
import { createLogger, injectTraceHeaders } from '@shop/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapService, type LeanExchange, type LeanRoute, type LeanRouter, REQUEST_TARGET_HEADER, type RunningService } from '../src/index.js';
import { connect } from 'node:net';
import { captureLogs, http, postJson } from './http.js';

/** Served by Nest: the lean router leaves these paths to Fastify. */
@Controller('lean')
class FallbackController {
  @Get('declined')
  declined() {
    return { servedBy: 'nest' };
  }
}

@Module({ controllers: [FallbackController] })
class FallbackModule {}

function json(exchange: LeanExchange, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  exchange.res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  exchange.res.end(body);
}

const leanRoutes: Record<string, LeanRoute> = {
  '/lean/echo': {
    template: '/lean/echo',
    handle(exchange) {
      json(exchange, 200, {
        servedBy: 'lean',
        id: exchange.id,
        target: exchange.headers[REQUEST_TARGET_HEADER],
        traceId: trace.getActiveSpan()?.spanContext().traceId,
        outgoing: injectTraceHeaders({}),
        ip: exchange.ip,
        protocol: exchange.protocol,
      });
    },
  },
  '/lean/items/*': {
    template: '/lean/items/*',
    async handle(exchange) {
      // The active context survives the awaits of the handler (its logs and outgoing calls).
      await new Promise((resolve) => setImmediate(resolve));
      const body = await exchange.readJson(Number(exchange.headers['content-length'] ?? 0));
      if (body) json(exchange, 201, { value: body.value, traceId: trace.getActiveSpan()?.spanContext().traceId });
    },
  },
  '/lean/refused': {
    template: '/lean/refused',
    handle(exchange) {
      exchange.fail(failure(FailureCode.RATE_LIMITED, 'Too many requests; retry in 7 s', { limit: '1 per 60 s' }, 7));
    },
  },
  '/lean/bug': {
    template: '/lean/bug',
    handle() {
      throw new Error('secret internals at /srv/app.ts');
    },
  },
  '/lean/missing': {
    template: '/lean/missing',
    async handle() {
      await Promise.resolve();
      throw Failed.of(FailureCode.NOT_FOUND, 'No such thing');
    },
  },
};

const router: LeanRouter = (request) => {
  const url = request.url ?? '/';
  const path = url.split('?', 1)[0]!;
  if (path.startsWith('/lean/items/')) return leanRoutes['/lean/items/*'];
  return leanRoutes[path];
};

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('lean dispatch (routes served before Fastify)', () => {
  let service: RunningService;
  const logs = captureLogs();

  beforeAll(async () => {
    service = await bootstrapService({
      name: 'lean-spec',
      module: FallbackModule,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      requireTrustKeys: false,
      bodyLimitBytes: 1024,
      logger: createLogger({ service: 'lean-spec', level: 'debug', destination: logs.destination }),
      lean: () => router,
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  const accessLine = (reqId: string) => logs.lines.find((l) => l['msg'] === 'request completed' && l['reqId'] === reqId);

  it('serves a lean route with a request id, the request target and a server span', async () => {
    const res = await http(`${service.url}/lean/echo?x=1`, { headers: { 'x-request-id': 'client-7', [REQUEST_TARGET_HEADER]: 'GET /forged' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('client-7');
    const body = res.json as Record<string, unknown>;
    expect(body).toMatchObject({ servedBy: 'lean', id: 'client-7', target: 'GET /lean/echo?x=1', ip: '127.0.0.1', protocol: 'http' });
    expect(body['traceId']).toMatch(/^[0-9a-f]{32}$/);
    expect((body['outgoing'] as { traceparent?: string }).traceparent).toContain(body['traceId'] as string);

    const unplain = await http(`${service.url}/lean/echo`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(unplain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((unplain.json as { id: string }).id).toBe(unplain.headers['x-request-id']);
  });

  it('continues an incoming trace context, also after the handler awaited', async () => {
    const res = await postJson(`${service.url}/lean/items/42`, { sku: 'TEE-M' }, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ value: { sku: 'TEE-M' }, traceId });
  });

  it('leaves every other request to Fastify and Nest unchanged', async () => {
    const nest = await http(`${service.url}/lean/declined`, { headers: { 'x-request-id': 'client-8' } });
    expect(nest.status).toBe(200);
    expect(nest.json).toEqual({ servedBy: 'nest' });
    expect(nest.headers['x-request-id']).toBe('client-8');
    const unknown = await http(`${service.url}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await http(`${service.url}/health/live`)).json).toEqual({ status: 'ok' });
  });

  it('writes the same access line and RED metrics as the Fastify hooks, labelled by the route template', async () => {
    await http(`${service.url}/lean/items/7`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2', 'x-request-id': 'lean-log-1' }, body: '{}' });
    await http(`${service.url}/lean/declined`, { headers: { 'x-request-id': 'fastify-log-1' } });
    const lean = accessLine('lean-log-1');
    const fastify = accessLine('fastify-log-1');
    expect(lean).toMatchObject({ level: 'info', method: 'POST', url: '/lean/items/7', route: '/lean/items/*', status: 201, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(lean?.['durationMs']).toEqual(expect.any(Number));
    expect(Object.keys(lean ?? {}).sort()).toEqual(Object.keys(fastify ?? {}).sort());

    const text = await service.metrics.registry.metrics();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/lean\/items\/\*",status="201",service="lean-spec"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_count\{service="lean-spec",method="POST",route="\/lean\/items\/\*",status="201"\} \d+/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/lean\/declined",status="200",service="lean-spec"\} \d+/);
  });

  it('answers failures with the one error body and Retry-After', async () => {
    const refused = await http(`${service.url}/lean/refused`);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('7');
    expect(refused.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(refused.json).toEqual({ error: { code: 'RATE_LIMITED', message: 'Too many requests; retry in 7 s', details: { limit: '1 per 60 s' } } });

    const missing = await http(`${service.url}/lean/missing`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 'NOT_FOUND', message: 'No such thing' } });
  });

  it('answers a bug with 500 without leaking it, and logs it with the request id', async () => {
    const res = await http(`${service.url}/lean/bug`, { headers: { 'x-request-id': 'lean-bug-1' } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    expect(res.text).not.toContain('secret');
    expect(logs.lines.find((l) => l['msg'] === 'request failed' && l['reqId'] === 'lean-bug-1')).toMatchObject({ level: 'error', status: 500 });
    expect(accessLine('lean-bug-1')).toMatchObject({ status: 500, route: '/lean/bug' });
  });

  it('reads JSON bodies as Fastify does: malformed and prototype-poisoning bodies get 400', async () => {
    for (const body of ['{"sku": ', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"admin": true}}}']) {
      const res = await http(`${service.url}/lean/items/1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(400);
      expect(res.json, body).toEqual({ error: { code: 'BAD_REQUEST', message: 'Malformed JSON body' } });
    }
  });
  it('logs a client that goes away mid-body as an abort, not as a failure', async () => {
    const { port } = new URL(service.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /lean/items/9 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\nx-request-id: lean-abort-1\r\n\r\n{"sku":');
        setImmediate(() => socket.destroy());
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await expect.poll(() => logs.lines.find((l) => l['reqId'] === 'lean-abort-1' && l['msg'] === 'request aborted by client')).toBeDefined();
    expect(logs.lines.filter((l) => l['reqId'] === 'lean-abort-1').map((l) => l['msg'])).toEqual(['request aborted by client']);
  });
});
