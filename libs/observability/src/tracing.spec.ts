import { context, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { extractTraceContext, getTracer, initTracing, injectTraceHeaders, shutdownTracing, traceIdsOf } from './tracing.js';

const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('tracing', () => {
  afterEach(() => shutdownTracing());

  it('continues an extracted traceparent and injects the child span into outgoing headers', () => {
    initTracing({ service: 'tracing-spec' });
    const parent = extractTraceContext({ traceparent: incoming });
    expect(traceIdsOf(parent)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' });

    const span = getTracer().startSpan('child', {}, parent);
    const headers = context.with(trace.setSpan(parent, span), () => injectTraceHeaders({ accept: 'application/json' }));
    span.end();

    expect(headers.accept).toBe('application/json');
    const [version, traceId, spanId, flags] = headers.traceparent!.split('-');
    expect([version, traceId, flags]).toEqual(['00', '4bf92f3577b34da6a3ce929d0e0e4736', '01']);
    expect(spanId).toBe(span.spanContext().spanId);
    expect(spanId).not.toBe('00f067aa0ba902b7');
  });

  it('reads message metadata whatever the key case, and ignores junk', () => {
    expect(traceIdsOf(extractTraceContext({ Traceparent: incoming }))?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdsOf(extractTraceContext({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
    expect(traceIdsOf(extractTraceContext({}))).toBeUndefined();
  });

  it('creates root spans with real ids once initialised, and a second init is a no-op', () => {
    initTracing({ service: 'first' });
    const provider = trace.getTracerProvider();
    initTracing({ service: 'second' });
    expect(trace.getTracerProvider()).toBe(provider);

    const span = getTracer().startSpan('root');
    expect(traceIdsOf(trace.setSpan(context.active(), span))?.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    // No exporter configured: nothing would receive it, so it is not recorded.
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('without an exporter records a span only when the caller sampled the trace', () => {
    initTracing({ service: 'sampling' });
    const sampled = getTracer().startSpan('child', {}, extractTraceContext({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }));
    const unsampled = getTracer().startSpan('child', {}, extractTraceContext({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' }));
    expect(sampled.isRecording()).toBe(true);
    expect(unsampled.isRecording()).toBe(false);
    expect(unsampled.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    sampled.end();
    unsampled.end();
  });

  it('injects nothing when there is no active span', () => {
    expect(injectTraceHeaders({})).toEqual({});
  });
});
