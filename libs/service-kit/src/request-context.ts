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

// Kept on the raw Node request (Nest hands filters either the Fastify request or the raw one) under
// a symbol rather than in a WeakMap: with the WeakMap, a trial under load promoted about twice as
// much to old space (the entries keep each request's span and context alive for longer).
const STATE = Symbol('shop.requestState');

interface WithState {
  [STATE]?: RequestState;
}

export function setRequestState(raw: IncomingMessage, state: RequestState): void {
  (raw as IncomingMessage & WithState)[STATE] = state;
}

export function requestStateOf(request: unknown): RequestState | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const raw = 'raw' in request ? (request as { raw: IncomingMessage }).raw : (request as IncomingMessage);
  return (raw as IncomingMessage & WithState)[STATE];
}
