import 'reflect-metadata';
import { Agent } from 'node:http';
import { Controller, Get, Inject, Injectable, Module, Post } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { createLogger, injectTraceHeaders } from '@shop/observability';
import { Counter } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FailureCode } from '@shop/contracts';
import {
  bootstrapService,
  conflict,
  LOGGER,
  type Logger,
  METRICS,
  type Metrics,
  notFound,
  type RunningService,
  ZodBody,
  ZodParam,
  ZodQuery,
} from '../src/index.js';
import { captureLogs, deferred, http, postJson } from './http.js';

const Money = z.object({ amount: z.number().int().min(0), currency: z.string().length(3) });
const CreateItem = z.object({
  name: z.string().min(1),
  variants: z.array(z.object({ sku: z.string().min(1), price: Money })).min(1),
});
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

class StockLedgerError extends Error {}

let slowGate = deferred();
let slowEntered = deferred();

@Injectable()
class ItemService {
  private readonly created: Counter;
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: Metrics,
  ) {
    this.created = new Counter({ name: 'items_created_total', help: 'items created', registers: [metrics.registry] });
  }

  create(input: z.infer<typeof CreateItem>) {
    this.created.inc();
    this.logger.info({ name: input.name }, 'item created');
    return { id: 1, ...input };
  }
}

@Controller('items')
class ItemController {
  // Constructor injection by type: proves decorator metadata is emitted under vitest.
  constructor(private readonly items: ItemService) {}

  @Get()
  list(@ZodQuery(ListQuery) query: z.infer<typeof ListQuery>) {
    return { limit: query.limit };
  }

  @Get(':id')
  get(@ZodParam('id', z.coerce.number().int().positive()) id: number) {
    if (id === 404) throw notFound(`Item ${id} not found`, { id });
    return { id };
  }

  @Post()
  create(@ZodBody(CreateItem) body: z.infer<typeof CreateItem>) {
    return this.items.create(body);
  }
}

@Controller('probe')
class ProbeController {
  @Get('db-down')
  dbDown() {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    throw new Error('query failed', { cause: refused });
  }

  @Get('bug')
  bug() {
    throw new Error('secret internals at /srv/app.ts');
  }

  @Get('mapped')
  mapped() {
    throw new StockLedgerError('duplicate ledger row');
  }

  @Get('trace')
  traceGet() {
    return traceView();
  }

  @Post('trace')
  tracePost() {
    return traceView();
  }

  @Get('slow')
  async slow() {
    slowEntered.resolve();
    await slowGate.promise;
    return { done: true };
  }
}

function traceView() {
  return { traceId: trace.getActiveSpan()?.spanContext().traceId, outgoing: injectTraceHeaders({}) };
}

@Module({ controllers: [ItemController, ProbeController], providers: [ItemService] })
class TestModule {}

const incomingTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const incomingTraceparent = `00-${incomingTraceId}-00f067aa0ba902b7-01`;

describe('bootstrapService', () => {
  let service: RunningService;
  const logs = captureLogs();
  let redisUp = true;
  const shutdownOrder: string[] = [];

  beforeAll(async () => {
    service = await bootstrapService({
      name: 'kit-spec',
      module: TestModule,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      bodyLimitBytes: 1024,
      logger: createLogger({ service: 'kit-spec', level: 'debug', destination: logs.destination }),
      readiness: [
        { name: 'postgres', check: async () => {} },
        {
          name: 'redis',
          check: async () => {
            if (!redisUp) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' });
          },
        },
      ],
      errorMappers: [(e) => (e instanceof StockLedgerError ? conflict(FailureCode.CONFLICT, 'Ledger row already exists') : undefined)],
      onShutdown: async () => {
        // The access line is written once the response has been sent.
        const answered = logs.lines.some((l) => l['msg'] === 'request completed' && l['url'] === '/probe/slow');
        shutdownOrder.push(answered ? 'onShutdown after the response' : 'onShutdown before the response');
      },
    });
  });

  afterAll(async () => {
    slowGate.resolve();
    await service?.close();
  });

  it('listens on a random port and answers liveness', async () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await http(`${service.url}/health/live`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('injects constructor dependencies, LOGGER and METRICS, and parses a valid body', async () => {
    const body = { name: 'Tee', variants: [{ sku: 'TEE-S', price: { amount: 1999, currency: 'EUR' } }] };
    const res = await postJson(`${service.url}/items`, body);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: 1, ...body });
    expect(logs.lines.some((l) => l['msg'] === 'item created' && l['name'] === 'Tee')).toBe(true);
    expect(await service.metrics.registry.metrics()).toContain('items_created_total{service="kit-spec"} 1');
  });

  it('rejects an invalid body with 400 VALIDATION_FAILED naming each field by its dotted path', async () => {
    const res = await postJson(`${service.url}/items`, {
      name: '',
      variants: [{ sku: 'TEE-S', price: { amount: 'free', currency: 'EUR' } }],
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid request',
        details: [
          { field: 'name', reason: 'must not be empty' },
          { field: 'variants.0.price.amount', reason: 'must be a number' },
        ],
      },
    });
  });

  it('validates query strings and route params the same way', async () => {
    const ok = await http(`${service.url}/items?limit=5`);
    expect(ok.json).toEqual({ limit: 5 });

    const badQuery = await http(`${service.url}/items?limit=lots`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.json).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'limit', reason: 'must be a number' }] },
    });

    const badParam = await http(`${service.url}/items/abc`);
    expect(badParam.status).toBe(400);
    expect(badParam.json).toMatchObject({ error: { details: [{ field: 'id', reason: 'must be a number' }] } });
  });

  it('answers a missing body with a validation error on the body itself', async () => {
    const res = await http(`${service.url}/items`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body', reason: 'is required' }] } });
  });

  it('answers a Failed with the status of its code, its code and details', async () => {
    const res = await http(`${service.url}/items/404`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'NOT_FOUND', message: 'Item 404 not found', details: { id: 404 } } });
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const res = await http(`${service.url}/nope/nothing`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await http(`${service.url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "Tee",',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'BAD_REQUEST', message: 'Malformed JSON body' } });
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await postJson(`${service.url}/items`, { name: 'x'.repeat(2048), variants: [] });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' } });
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await http(`${service.url}/items`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Media Type' } });
  });

  it('answers a connection failure deep in the cause chain with 503 and Retry-After', async () => {
    const res = await http(`${service.url}/probe/db-down`);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json).toEqual({
      error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'A service dependency is unavailable; retry later' },
    });
    expect(res.text).not.toMatch(/10\.1\.2\.3|ECONNREFUSED|5432/);
  });

  it('answers an unknown error with 500 INTERNAL, logging the stack but not leaking it', async () => {
    const res = await http(`${service.url}/probe/bug`, { headers: { 'x-request-id': 'bug-1' } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    const logged = logs.lines.find((l) => l['msg'] === 'request failed' && l['reqId'] === 'bug-1');
    expect(logged).toMatchObject({ level: 'error', status: 500 });
    expect((logged?.['err'] as { stack?: string }).stack).toContain('secret internals');
  });

  it('lets an error mapper decide the answer', async () => {
    const res = await http(`${service.url}/probe/mapped`);
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: { code: 'CONFLICT', message: 'Ledger row already exists' } });
  });

  it('echoes x-request-id, or makes one up, and logs one access line per request', async () => {
    const given = await http(`${service.url}/items?limit=1`, { headers: { 'x-request-id': 'req-abc-123' } });
    expect(given.headers['x-request-id']).toBe('req-abc-123');
    const made = await http(`${service.url}/items?limit=1`);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const junk = await http(`${service.url}/items?limit=1`, { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const access = logs.lines.filter((l) => l['msg'] === 'request completed' && l['reqId'] === 'req-abc-123');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'info',
      service: 'kit-spec',
      method: 'GET',
      url: '/items?limit=1',
      route: '/items',
      status: 200,
      durationMs: expect.any(Number),
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('sends no framework banner headers', async () => {
    const res = await http(`${service.url}/health/live`);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['server']).toBeUndefined();
  });

  it('continues an incoming traceparent in the handler, its logs and its outgoing calls', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res =
        method === 'GET'
          ? await http(`${service.url}/probe/trace`, { headers: { traceparent: incomingTraceparent, 'x-request-id': 'trace-get' } })
          : await postJson(`${service.url}/probe/trace`, { any: 'body' }, { traceparent: incomingTraceparent, 'x-request-id': 'trace-post' });
      const body = res.json as { traceId: string; outgoing: { traceparent: string } };
      expect(body.traceId).toBe(incomingTraceId);
      const [, traceId, parentSpanId] = body.outgoing.traceparent.split('-');
      expect(traceId).toBe(incomingTraceId);
      // The outgoing call's parent is our server span, not the caller's span.
      expect(parentSpanId).not.toBe('00f067aa0ba902b7');
    }
    const access = logs.lines.filter((l) => l['msg'] === 'request completed' && String(l['reqId']).startsWith('trace-'));
    expect(access.map((l) => l['traceId'])).toEqual([incomingTraceId, incomingTraceId]);
  });

  it('counts requests per route template, with "unmatched" for unknown routes', async () => {
    await http(`${service.url}/items/7`);
    await http(`${service.url}/items/8`);
    await http(`${service.url}/definitely/not/here`);
    const res = await http(`${service.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/items\/:id",status="200",service="kit-spec"\} 2/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404",service="kit-spec"\} \d+/);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).not.toContain('/items/7');
  });

  it('reports readiness 503 naming the failing check, and 200 once it recovers', async () => {
    redisUp = false;
    const down = await http(`${service.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.json).toEqual({
      status: 'unavailable',
      checks: { postgres: 'up', redis: 'down: unreachable' },
    });
    expect(down.text).not.toContain('6390');
    // The cause is in the logs instead.
    expect(logs.lines.find((l) => l['msg'] === 'not ready')).toMatchObject({ checks: { redis: 'connect ECONNREFUSED 127.0.0.1:6390' } });

    redisUp = true;
    const up = await http(`${service.url}/health/ready`);
    expect(up.status).toBe(200);
    expect(up.json).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  // Last: it closes the service.
  it('closes gracefully: stops accepting, lets the in-flight request finish, then runs onShutdown', async () => {
    slowGate = deferred();
    slowEntered = deferred();
    // On a kept-alive connection, as the gateway's and the services' clients send them: closing
    // must not wait for the connection's keep-alive timeout after the response.
    const keepAlive = new Agent({ keepAlive: true });
    const inFlight = http(`${service.url}/probe/slow`, { agent: keepAlive });
    await slowEntered.promise;

    const closed = service.close();
    // New connections are refused once closing has begun.
    const refused = await waitForRefusal(service.url);
    expect(refused).toBe(true);
    expect(shutdownOrder).toEqual([]);

    slowGate.resolve();
    const res = await inFlight;
    await closed;
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ done: true });
    expect(shutdownOrder).toEqual(['onShutdown after the response']);
  });
});

describe('bootstrapService without strong trust keys', () => {
  it.each([
    ['missing', undefined, /IDENTITY_SIGNING_SECRET is required/],
    ['short', 'too-short', /IDENTITY_SIGNING_SECRET must be at least 32 bytes/],
    ['the old documented default', 'dev-only-insecure-jwt-secret-change-me-in-production', /IDENTITY_SIGNING_SECRET is a known, published value/],
    ['repetitive', 'z'.repeat(64), /IDENTITY_SIGNING_SECRET is too repetitive/],
  ])('refuses to start with a %s identity key, before listening', async (_name, value, message) => {
    const saved = process.env.IDENTITY_SIGNING_SECRET;
    if (value === undefined) delete process.env.IDENTITY_SIGNING_SECRET;
    else process.env.IDENTITY_SIGNING_SECRET = value;
    try {
      await expect(bootstrapService({ name: 'kit-weak', module: TestModule, port: 0, handleSignals: false })).rejects.toThrow(message);
    } finally {
      process.env.IDENTITY_SIGNING_SECRET = saved;
    }
  });
});

/** Polls (bounded) until a fresh connection is refused. */
async function waitForRefusal(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await http(`${url}/health/live`);
    } catch (error) {
      if ((error as { code?: string }).code === 'ECONNREFUSED') return true;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}
