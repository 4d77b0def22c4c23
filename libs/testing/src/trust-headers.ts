import { randomUUID } from 'node:crypto';
import { signIdentity, signServiceCredential } from '@shop/observability';

/**
 * Headers a test sends to a service in place of the gateway or a calling service: the same
 * signatures, made with this run's keys (scripts/test-env/global-setup.ts puts them in
 * process.env). An identity is bound to one request, so name it: `{ method, path }` where path
 * is the path and query exactly as sent.
 */
export interface TestIdentity {
  userId: string;
  role: 'customer' | 'admin';
  /** The account's email, signed with the identity as the gateway does. */
  email?: string;
}

export interface TestRequest {
  method: string;
  path: string;
  /** Sent as x-request-id (the signature covers it); a fresh one by default. */
  requestId?: string;
  /** Sign as of this time (ms since epoch) — e.g. long ago, to test expiry. */
  nowMs?: number;
}

function key(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through vitest with the shared global setup`);
  return value;
}

export function identityHeaders(identity: TestIdentity, request?: TestRequest): Record<string, string> {
  if (!request) throw new Error('identityHeaders needs { method, path }: services accept an identity only for the request it was signed for');
  const requestId = request.requestId ?? randomUUID();
  const signature = signIdentity(
    key('IDENTITY_SIGNING_SECRET'),
    identity,
    { method: request.method, url: request.path, requestId },
    request.nowMs ?? Date.now(),
  );
  return {
    'x-user-id': identity.userId,
    'x-user-role': identity.role,
    ...(identity.email !== undefined ? { 'x-user-email': identity.email } : {}),
    'x-identity-signature': signature,
    'x-request-id': requestId,
  };
}

export function serviceHeaders(serviceName: string, options: { nowMs?: number } = {}): Record<string, string> {
  return { 'x-service-credential': signServiceCredential(key('SERVICE_CREDENTIAL_SECRET'), serviceName, options.nowMs ?? Date.now()) };
}

/** The admin tests act as when they call a service's /api/admin routes directly. */
export const TEST_ADMIN_ID = '00000000-0000-4000-8000-00000000ad01';

/**
 * Whom the gateway would vouch for on a direct call to a service: the customer `user` when given,
 * else an admin on /api/admin routes, else nobody. `path` may carry a query or be a whole URL.
 */
export function gatewayIdentity(path: string, user?: string): TestIdentity | undefined {
  if (user !== undefined) return { userId: user, role: 'customer' };
  return new URL(path, 'http://test').pathname.startsWith('/api/admin/') ? { userId: TEST_ADMIN_ID, role: 'admin' } : undefined;
}
