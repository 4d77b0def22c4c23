import { type Context, ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';

/** The W3C `traceparent` of the active OpenTelemetry context, if a propagator and a span are set up. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context an event's handler runs in: the producer's trace when the envelope carries one. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}
