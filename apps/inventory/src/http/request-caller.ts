import {
  IDENTITY_SIGNATURE_HEADER,
  optionalCallerFrom,
  REQUEST_ID_HEADER,
  requireServiceCaller,
  USER_ID_HEADER,
  USER_ROLE_HEADER,
} from '@shop/service-kit';
import type { CallContext } from '../application/caller.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * The headers of a signed user identity. Forwarded as they came to the partition's owner (same
 * method and path, same request id), where the signature verifies again.
 */
const IDENTITY_HEADERS = [USER_ID_HEADER, USER_ROLE_HEADER, IDENTITY_SIGNATURE_HEADER, REQUEST_ID_HEADER] as const;

/** Services trusted with their own TTLs and quantities, on a customer's behalf: the checkout saga and inventory peers. */
const TRUSTED_SERVICES = ['payments', 'inventory'];

/**
 * Who is calling: a verified user (from the gateway's signed identity), else a trusted service
 * (its signed credential), else 401. The one place inventory reads identity.
 */
export function callContextOf(headers: Headers): CallContext {
  const user = optionalCallerFrom(headers);
  if (user) {
    const forwardHeaders: Record<string, string> = {};
    for (const name of IDENTITY_HEADERS) {
      const value = headers[name];
      if (typeof value === 'string') forwardHeaders[name] = value;
    }
    return { caller: user.role === 'admin' ? { kind: 'admin', userId: user.userId } : { kind: 'customer', customerId: user.userId }, forwardHeaders };
  }
  // A peer forwarding a service's request adds its own (inventory) credential.
  const service = requireServiceCaller(headers, TRUSTED_SERVICES);
  return { caller: { kind: 'service', name: service.service }, forwardHeaders: {} };
}
