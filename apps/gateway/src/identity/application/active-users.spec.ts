import { describe, expect, it } from 'vitest';
import type { Role } from '@shop/contracts';
import { ActiveUsers } from './active-users.js';

function directory(initial: Record<string, Role>) {
  const roles = new Map(Object.entries(initial));
  let queries = 0;
  return {
    roles,
    get queries() {
      return queries;
    },
    lookup: async (id: string) => {
      queries++;
      return roles.get(id) ?? null;
    },
  };
}

describe('active users', () => {
  it('remembers an answer for the TTL, then asks again', async () => {
    let now = 1000;
    const dir = directory({ a: 'customer' });
    const users = new ActiveUsers(dir.lookup, 5000, 10, () => now);
    expect(await users.accountOf('a')).toBe('customer');
    dir.roles.delete('a');
    expect(await users.accountOf('a')).toBe('customer');
    expect(dir.queries).toBe(1);
    now += 5000;
    expect(await users.accountOf('a')).toBeNull();
    expect(dir.queries).toBe(2);
  });

  it('forgets an account at once when told, and never caches with a TTL of 0', async () => {
    const dir = directory({ a: 'admin' });
    const users = new ActiveUsers(dir.lookup, 60_000);
    await users.accountOf('a');
    dir.roles.set('a', 'customer');
    users.forget('a');
    expect(await users.accountOf('a')).toBe('customer');
    const uncached = new ActiveUsers(dir.lookup, 0);
    await uncached.accountOf('a');
    await uncached.accountOf('a');
    expect(dir.queries).toBe(4);
  });

  it('shares one query between concurrent questions and stays within its size', async () => {
    const dir = directory({ a: 'customer', b: 'customer', c: 'customer' });
    const users = new ActiveUsers(dir.lookup, 60_000, 2);
    await Promise.all([users.accountOf('a'), users.accountOf('a'), users.accountOf('a')]);
    expect(dir.queries).toBe(1);
    await users.accountOf('b');
    await users.accountOf('c'); // evicts a, the oldest
    await users.accountOf('a');
    expect(dir.queries).toBe(4);
  });
});
