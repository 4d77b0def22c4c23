import { describe, expect, it } from 'vitest';
import { redisPersistenceWarning } from '../../scripts/lib/platform.mjs';

/** `npm start` warns once when Redis would forget carts and pending events on a restart. */
describe('Redis persistence warning of npm start', () => {
  it('says nothing for a Redis with AOF', () => {
    expect(redisPersistenceWarning(['appendonly', 'yes'], ['save', ''])).toBeNull();
    expect(redisPersistenceWarning(['appendonly', 'yes'], ['save', '3600 1'])).toBeNull();
  });

  it('warns for a Redis without persistence, and for one with snapshots only', () => {
    expect(redisPersistenceWarning(['appendonly', 'no'], ['save', ''])).toMatch(/^runs without AOF persistence or snapshots: a restart loses everything in it — carts/);
    expect(redisPersistenceWarning(['appendonly', 'no'], ['save', '3600 1 300 100'])).toMatch(/RDB snapshots only/);
  });

  it('stays quiet when CONFIG cannot be read (a managed Redis)', () => {
    expect(redisPersistenceWarning(null, null)).toBeNull();
    expect(redisPersistenceWarning([], [])).toBeNull();
  });
});
