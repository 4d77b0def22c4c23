import type { Context, Span } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';

/** What the request hooks know about a request, for the error filter and the access log. */
export interface RequestState {
  span: Span;
  /** Context holding the server span: the active context of the handler. */
  context: Context;
  traceId: string;
  ended: boolean;
}

// Keyed by the raw Node request: Nest hands filters either the Fastify request or the raw one.
const states = new WeakMap<IncomingMessage, RequestState>();

export function setRequestState(raw: IncomingMessage, state: RequestState): void {
  states.set(raw, state);
}

export function requestStateOf(request: unknown): RequestState | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const raw = 'raw' in request ? (request as { raw: IncomingMessage }).raw : (request as IncomingMessage);
  return states.get(raw);
}
