import { context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { getTracer, initTracing, shutdownTracing } from './tracing.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('createLogger', () => {
  beforeAll(() => initTracing({ service: 'logger-spec' }));
  afterAll(() => shutdownTracing());

  it('writes one JSON line with service, pid, a level name and the message', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'catalog', level: 'info', destination }).info({ sku: 'A-1' }, 'hello');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'catalog', pid: process.pid, level: 'info', msg: 'hello', sku: 'A-1' });
    expect(lines[0]).not.toHaveProperty('traceId');
  });

  it('adds traceId and spanId of the active span', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'catalog', level: 'info', destination });
    const span = getTracer().startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside'));
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0]).toMatchObject({ traceId, spanId });
  });

  it('takes its level from the option, then LOG_LEVEL', () => {
    const { lines, destination } = capture();
    createLogger({ service: 's', level: 'warn', destination }).info('dropped');
    expect(lines).toHaveLength(0);

    const previous = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'debug';
    try {
      createLogger({ service: 's', destination }).debug('kept');
    } finally {
      if (previous === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = previous;
    }
    expect(lines.map((l) => l['msg'])).toEqual(['kept']);
  });
});
