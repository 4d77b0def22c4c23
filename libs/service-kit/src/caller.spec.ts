import { beforeAll, describe, expect, it } from 'vitest';
import { signIdentity, signServiceCredential } from '@shop/observability';
import {
  callerFrom,
  IDENTITY_SECRET_VARIABLE,
  optionalCallerFrom,
  requireServiceCaller,
  SERVICE_SECRET_VARIABLE,
  serviceCallerFrom,
  serviceCredentialHeaders,
  signedIdentityHeaders,
} from './caller.js';
import { answerFor } from './http-error-filter.js';
import { REQUEST_TARGET_HEADER } from './request-target.js';

/** How the HTTP edge answers what `run` throws (status, code, message). */
function thrown(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return answerFor(error);
  }
  throw new Error('expected a refusal');
}

const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const request = { method: 'GET', url: '/api/orders/42?x=1', requestId: 'req-1' };
const received = (url = request.url, method = request.method, requestId = request.requestId) => ({
  [REQUEST_TARGET_HEADER]: `${method} ${url}`,
  'x-request-id': requestId,
});
const key = () => process.env[IDENTITY_SECRET_VARIABLE] as string;
const signed = (role: 'customer' | 'admin', nowMs = Date.now()) => signedIdentityHeaders({ userId: id, role }, request, key(), nowMs);

beforeAll(() => {
  // Set by the shared global setup; a guard so a misconfigured run fails loudly here.
  expect(process.env[IDENTITY_SECRET_VARIABLE]).toBeTruthy();
  expect(process.env[SERVICE_SECRET_VARIABLE]).toBeTruthy();
});

describe('callerFrom', () => {
  it('believes an identity the gateway signed for this request', () => {
    expect(callerFrom({ ...signed('customer'), ...received() }, 'signed-in')).toEqual({ userId: id, role: 'customer' });
    expect(callerFrom({ ...signed('admin'), ...received() }, 'admin')).toEqual({ userId: id, role: 'admin' });
  });

  it.each([
    ['no identity', {}],
    ['bare headers, as before', { 'x-user-id': id, 'x-user-role': 'admin' }],
    ['a forged signature', { 'x-user-id': id, 'x-user-role': 'admin', 'x-identity-signature': `v1.${Math.floor(Date.now() / 1000) + 30}.AAAA` }],
    ['a signature made with another key', { 'x-user-id': id, 'x-user-role': 'admin', 'x-identity-signature': signIdentity('k'.repeat(8) + 'another-key-0123456789abcdefghij', { userId: id, role: 'admin' }, request, Date.now()) }],
    ['two signatures', { 'x-user-id': id, 'x-user-role': 'admin', 'x-identity-signature': ['a', 'b'] }],
  ])('refuses %s with 401', (_name, headers) => {
    expect(thrown(() => callerFrom({ ...headers, ...received() }, 'signed-in'))).toMatchObject({ status: 401 });
  });

  it('refuses a promoted role, another user, another path, method or request id', () => {
    const customer = signed('customer');
    expect(thrown(() => callerFrom({ ...customer, 'x-user-role': 'admin', ...received() }, 'signed-in'))).toMatchObject({ status: 401 });
    expect(thrown(() => callerFrom({ ...customer, 'x-user-id': '00000000-0000-4000-8000-000000000001', ...received() }, 'signed-in'))).toMatchObject({ status: 401 });
    expect(thrown(() => callerFrom({ ...customer, ...received('/api/orders/43?x=1') }, 'signed-in'))).toMatchObject({ status: 401 });
    expect(thrown(() => callerFrom({ ...customer, ...received(request.url, 'DELETE') }, 'signed-in'))).toMatchObject({ status: 401 });
    expect(thrown(() => callerFrom({ ...customer, ...received(request.url, 'GET', 'req-2') }, 'signed-in'))).toMatchObject({ status: 401 });
    // Without the request the service saw (no service-kit hook), nothing is believed.
    expect(thrown(() => callerFrom(customer, 'signed-in'))).toMatchObject({ status: 401 });
  });

  it('refuses an expired assertion and one issued for too long', () => {
    const old = signed('customer', Date.now() - 5 * 60_000);
    expect(thrown(() => callerFrom({ ...old, ...received() }, 'signed-in'))).toMatchObject({ status: 401, message: 'the identity assertion has expired' });
    const farFuture = { 'x-user-id': id, 'x-user-role': 'customer', 'x-identity-signature': signIdentity(key(), { userId: id, role: 'customer' }, request, Date.now(), 3600) };
    expect(thrown(() => callerFrom({ ...farFuture, ...received() }, 'signed-in'))).toMatchObject({ status: 401 });
  });

  it('refuses a customer where an admin is needed', () => {
    expect(thrown(() => callerFrom({ ...signed('customer'), ...received() }, 'admin'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('optionalCallerFrom', () => {

  it("carries the account's email signed with the identity: a changed, added or dropped email is refused", () => {
    const withEmail = signedIdentityHeaders({ userId: id, role: 'customer', email: 'ada@example.com' }, request, key());
    expect(optionalCallerFrom({ ...withEmail, ...received() })).toEqual({ userId: id, role: 'customer', email: 'ada@example.com' });
    expect(() => optionalCallerFrom({ ...withEmail, 'x-user-email': 'eve@example.com', ...received() })).toThrow(/not valid/);
    expect(() => optionalCallerFrom({ ...signed('customer'), 'x-user-email': 'eve@example.com', ...received() })).toThrow(/not valid/);
    const { 'x-user-email': _dropped, ...withoutEmail } = withEmail;
    expect(() => optionalCallerFrom({ ...withoutEmail, ...received() })).toThrow(/not valid/);
  });
  it('is null without an identity, the caller with a valid one, 401 with a broken one', () => {
    expect(optionalCallerFrom(received())).toBeNull();
    expect(optionalCallerFrom({ ...signed('customer'), ...received() })).toEqual({ userId: id, role: 'customer' });
    expect(thrown(() => optionalCallerFrom({ 'x-user-id': id, ...received() }))).toMatchObject({ status: 401 });
  });
});

describe('service credentials', () => {
  it('round-trips through serviceCredentialHeaders', () => {
    expect(serviceCallerFrom(serviceCredentialHeaders('payments'))).toEqual({ service: 'payments' });
    expect(serviceCallerFrom({})).toBeNull();
  });

  it('refuses forged, renamed, expired and foreign-key credentials', () => {
    const good = serviceCredentialHeaders('payments')['x-service-credential'] as string;
    const renamed = good.replace('.payments.', '.catalog.');
    const expired = signServiceCredential(process.env[SERVICE_SECRET_VARIABLE] as string, 'payments', Date.now() - 10 * 60_000);
    const identityKeyed = signServiceCredential(key(), 'payments', Date.now());
    for (const credential of [renamed, expired, identityKeyed, 'payments', '']) {
      expect(thrown(() => serviceCallerFrom({ 'x-service-credential': credential }))).toMatchObject({ status: 401 });
    }
  });

  it('requireServiceCaller: 401 without, 403 for a service not allowed', () => {
    expect(thrown(() => requireServiceCaller({}))).toMatchObject({ status: 401 });
    expect(thrown(() => requireServiceCaller(serviceCredentialHeaders('cart'), ['payments']))).toMatchObject({ status: 403 });
    expect(requireServiceCaller(serviceCredentialHeaders('payments'), ['payments'])).toEqual({ service: 'payments' });
  });
});
