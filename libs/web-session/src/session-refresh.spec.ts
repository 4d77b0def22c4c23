import type { AuthSession } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { createRefreshCache, type RefreshClient } from './session-refresh';

/**
 * The gateway's refresh rule, as it behaves: a token is good once; presenting it again is a
 * replay, which revokes the session. (The journeys in e2e/ check the same against the real gateway.)
 */
function gatewayStandIn() {
  const spent = new Set<string>();
  let issued = 0;
  const calls: string[] = [];
  const refresh = async (token: string): Promise<AuthSession> => {
    calls.push(token);
    if (spent.has(token)) throw Object.assign(new Error('replayed'), { status: 401 });
    spent.add(token);
    issued += 1;
    return {
      accessToken: `at-${issued}`,
      refreshToken: `rt-${issued}`,
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: 'u', email: 'a@example.com', name: null, role: 'customer', createdAt: new Date(0).toISOString() },
    };
  };
  return { refresh, calls };
}

const browser: RefreshClient = { address: '198.51.100.1', userAgent: 'Firefox' };
const attacker: RefreshClient = { address: '203.0.113.9', userAgent: 'Firefox' };

describe('refresh cache', () => {
  it('the parallel requests of one browser share one refresh', async () => {
    const gateway = gatewayStandIn();
    const refreshSession = createRefreshCache({ refresh: gateway.refresh });
    const [a, b, c] = await Promise.all([refreshSession('rt-0', browser), refreshSession('rt-0', browser), refreshSession('rt-0', browser)]);
    expect(gateway.calls).toEqual(['rt-0']);
    expect(a.refreshToken).toBe('rt-1');
    expect(b).toBe(a);
    expect(c).toBe(a);
    // A straggler of the same page, after the refresh settled, gets the same session.
    expect((await refreshSession('rt-0', browser)).refreshToken).toBe('rt-1');
  });

  it('a replayed refresh token from another client never gets the fresh session', async () => {
    const gateway = gatewayStandIn();
    const refreshSession = createRefreshCache({ refresh: gateway.refresh });
    await refreshSession('rt-0', browser);
    await expect(refreshSession('rt-0', attacker)).rejects.toThrow('replayed');
    // Same address, another browser: still not handed out.
    await expect(refreshSession('rt-0', { ...browser, userAgent: 'curl/8' })).rejects.toThrow('replayed');
    expect(gateway.calls).toEqual(['rt-0', 'rt-0', 'rt-0']);
  });

  it('keeps a settled refresh only for a few seconds', async () => {
    const gateway = gatewayStandIn();
    let clock = 0;
    const refreshSession = createRefreshCache({ refresh: gateway.refresh, keepMs: 10_000, now: () => clock });
    await refreshSession('rt-0', browser);
    clock = 10_001;
    await expect(refreshSession('rt-0', browser)).rejects.toThrow('replayed');
  });

  it('does not keep a failure: the next request tries again', async () => {
    let down = true;
    const refreshSession = createRefreshCache({
      refresh: async () => {
        if (down) throw new Error('gateway down');
        return { accessToken: 'at', refreshToken: 'rt', tokenType: 'Bearer', expiresIn: 900, user: { id: 'u', email: 'a@example.com', name: null, role: 'customer', createdAt: '' } };
      },
    });
    await expect(refreshSession('rt-0', browser)).rejects.toThrow('gateway down');
    down = false;
    expect((await refreshSession('rt-0', browser)).accessToken).toBe('at');
  });
});
