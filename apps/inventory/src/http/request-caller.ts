import { callerFrom, USER_ID_HEADER, USER_ROLE_HEADER } from '@shop/service-kit';
import type { CallContext } from '../application/caller.js';

type Headers = Record<string, string | string[] | undefined>;

/** The headers that say who calls; passed on when a request is forwarded to a partition's owner. */
const IDENTITY_HEADERS = [USER_ID_HEADER, USER_ROLE_HEADER] as const;

/**
 * Who is calling: the one place inventory reads identity, so switching how it is proven is one
 * edit. A request with a user identity is that customer's (or admin's). Without one it comes from
 * a service reaching the port directly (the checkout saga, another inventory instance): today's
 * trust model, until services prove themselves with their own credential.
 */
export function callContextOf(headers: Headers): CallContext {
  const forwardHeaders: Record<string, string> = {};
  for (const name of IDENTITY_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') forwardHeaders[name] = value;
  }
  if (headers[USER_ID_HEADER] === undefined) return { caller: { kind: 'service', name: 'internal' }, forwardHeaders };
  const caller = callerFrom(headers, 'signed-in');
  return {
    caller: caller.role === 'admin' ? { kind: 'admin', userId: caller.userId } : { kind: 'customer', customerId: caller.userId },
    forwardHeaders,
  };
}
