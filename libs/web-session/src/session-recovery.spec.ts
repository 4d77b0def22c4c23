import { ApiError, type FetchInit } from '@shop/api-client';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse } from './api-response';
import { SESSION_ENDED_MESSAGE, recoveryStep, refreshEndsSession, sessionRecoveringFetch, type SessionRenewal } from './session-recovery';

const refusedToken = () => new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'The access token has expired; refresh it' } }), { status: 401 });
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

/** A gateway that refuses `refused` tokens and answers everyone else; records what each call carried. */
function gateway(refused: string, options: { needsIdentity?: boolean } = {}) {
  const calls: { method: string; authorization: string | undefined }[] = [];
  const fetch = vi.fn(async (_input: string, init: FetchInit) => {
    const authorization = (init.headers as Record<string, string>).authorization;
    calls.push({ method: init.method ?? 'GET', authorization });
    if (authorization === `Bearer ${refused}`) return refusedToken();
    if (!authorization && options.needsIdentity) return new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'This route needs a bearer access token' } }), { status: 401 });
    return ok({ as: authorization ?? 'anonymous' });
  });
  return { fetch, calls };
}

const init = (method: string, token: string | null): FetchInit => ({ method, headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

describe('refreshEndsSession', () => {
  it('a refused refresh (revoked, expired, disabled account) ends the session; a gateway that did not answer does not', () => {
    expect(refreshEndsSession(new ApiError(401, 'INVALID_REFRESH_TOKEN', 'x'))).toBe(true);
    expect(refreshEndsSession(new ApiError(400, 'VALIDATION_FAILED', 'x'))).toBe(true);
    expect(refreshEndsSession(new ApiError(403, 'ACCOUNT_DISABLED', 'x'))).toBe(true);
    expect(refreshEndsSession(new ApiError(503, 'GATEWAY_UNREACHABLE', 'x'))).toBe(false);
    expect(refreshEndsSession(new ApiError(429, 'RATE_LIMITED', 'x'))).toBe(false);
    expect(refreshEndsSession(new Error('boom'))).toBe(false);
  });

  it('reads an ApiError of another bundle’s copy of the class by its shape', () => {
    const foreign = Object.assign(new Error('refused'), { name: 'ApiError', status: 401, code: 'INVALID_REFRESH_TOKEN' });
    expect(refreshEndsSession(foreign)).toBe(true);
    expect(refreshEndsSession({ name: 'Other', status: 401 })).toBe(false);
  });
});

describe('recoveryStep', () => {
  it('a renewed session tries again with its token, whatever the call', () => {
    expect(recoveryStep('POST', { kind: 'renewed', accessToken: 'new' })).toEqual({ kind: 'retry', accessToken: 'new' });
  });

  it('a read is asked again as the public; a change is never made anonymously', () => {
    for (const renewal of [{ kind: 'ended' }, { kind: 'undecided' }] as SessionRenewal[]) expect(recoveryStep('GET', renewal)).toEqual({ kind: 'retry', accessToken: null });
    expect(recoveryStep('POST', { kind: 'ended' })).toEqual({ kind: 'session-ended' });
    expect(recoveryStep('DELETE', { kind: 'ended' })).toEqual({ kind: 'session-ended' });
    expect(recoveryStep('POST', { kind: 'undecided' })).toEqual({ kind: 'unavailable' });
  });
});

describe('sessionRecoveringFetch', () => {
  it('a change with a refused token and a refused refresh answers "signed out" in words for people, once renewed', async () => {
    const { fetch, calls } = gateway('old');
    const renew = vi.fn(async (): Promise<SessionRenewal> => ({ kind: 'ended' }));
    const recovering = sessionRecoveringFetch({ fetch, renew });
    const answer = await recovering('http://gw/api/carts/current/items', init('POST', 'old'));
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: SESSION_ENDED_MESSAGE, details: { sessionEnded: true } } });
    expect(calls).toHaveLength(1); // never sent as a guest
    await recovering('http://gw/api/carts/current/items', init('POST', 'old'));
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('a renewed session sends the call again with the new token', async () => {
    const { fetch, calls } = gateway('old');
    const recovering = sessionRecoveringFetch({ fetch, renew: async () => ({ kind: 'renewed', accessToken: 'new' }) });
    const answer = await recovering('http://gw/api/checkout', init('POST', 'old'));
    expect(await answer.json()).toEqual({ as: 'Bearer new' });
    expect(calls.map((c) => c.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('a public read still answers for a signed-out shopper (the stock line, a search)', async () => {
    const { fetch } = gateway('old');
    const answer = await sessionRecoveringFetch({ fetch, renew: async () => ({ kind: 'ended' }) })('http://gw/api/inventory/SKU', init('GET', 'old'));
    expect(await answer.json()).toEqual({ as: 'anonymous' });
  });

  it('a personal read of an ended session answers "signed out"', async () => {
    const { fetch } = gateway('old', { needsIdentity: true });
    const answer = await sessionRecoveringFetch({ fetch, renew: async () => ({ kind: 'ended' }) })('http://gw/api/orders', init('GET', 'old'));
    expect(answer.status).toBe(401);
    expect((await answer.json()).error.message).toBe(SESSION_ENDED_MESSAGE);
  });

  it('a change whose session could not be checked (gateway down on refresh) is a 503 to try again, not a sign-out', async () => {
    const { fetch } = gateway('old');
    const answer = await sessionRecoveringFetch({ fetch, renew: async () => Promise.reject(new Error('down')) })('http://gw/api/checkout', init('POST', 'old'));
    expect(answer.status).toBe(503);
    expect((await answer.json()).error.code).toBe('DEPENDENCY_UNAVAILABLE');
  });

  it('leaves alone whatever was sent without a token, and whatever is not a 401', async () => {
    const renew = vi.fn(async (): Promise<SessionRenewal> => ({ kind: 'ended' }));
    const anonymous = sessionRecoveringFetch({ fetch: async () => refusedToken(), renew });
    expect((await anonymous('http://gw/api/orders', init('GET', null))).status).toBe(401);
    const forbidden = sessionRecoveringFetch({ fetch: async () => new Response('{}', { status: 403 }), renew });
    expect((await forbidden('http://gw/api/admin', init('GET', 'good'))).status).toBe(403);
    expect(renew).not.toHaveBeenCalled();
  });
});

describe('errorResponse of a refused token', () => {
  it('never passes on the gateway’s words about tokens', async () => {
    for (const [code, message] of [
      ['UNAUTHORIZED', 'The access token has expired; refresh it'],
      ['UNAUTHORIZED', 'The account of this access token no longer exists'],
      ['INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked'],
    ]) {
      const answer = errorResponse(new ApiError(401, code!, message!));
      expect(answer.status).toBe(401);
      expect((await answer.json()).error).toEqual({ code: 'UNAUTHORIZED', message: SESSION_ENDED_MESSAGE, details: { sessionEnded: true } });
    }
  });

  it('keeps a wrong sign-in as it is', async () => {
    const answer = errorResponse(new ApiError(401, 'INVALID_CREDENTIALS', 'Email or password is wrong'));
    expect((await answer.json()).error.message).toBe('Email or password is wrong');
  });
});
