import { describe, expect, it } from 'vitest';
import { leaseSize, parseRateLimit, rateLimitKey, retryAfterSeconds } from './rate-limit-rules.js';

describe('rate limit rules', () => {
  it('parses "<requests>/<seconds>"', () => {
    expect(parseRateLimit('600/60')).toEqual({ points: 600, durationSeconds: 60 });
    expect(parseRateLimit(' 5 / 900s ')).toEqual({ points: 5, durationSeconds: 900 });
    for (const bad of ['', '10', '0/60', '10/0', 'ten/60', '1.5/60']) expect(parseRateLimit(bad)).toBeUndefined();
  });
  it('counts login and registration per IP, everything else per user when there is one', () => {
    expect(rateLimitKey('auth', { ip: '1.2.3.4', userId: 'u' })).toBe('ip:1.2.3.4');
    expect(rateLimitKey('default', { ip: '1.2.3.4', userId: 'u' })).toBe('user:u');
    expect(rateLimitKey('checkout', { ip: '1.2.3.4' })).toBe('ip:1.2.3.4');
    // Guest order lookups too: an account's token must not buy more guesses of numbers and emails.
    expect(rateLimitKey('order-lookup', { ip: '1.2.3.4', userId: 'u' })).toBe('ip:1.2.3.4');
  });
  it('never tells a client to retry after 0 seconds', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });

  it('leases one point at a time for small budgets and up to the maximum for large ones', () => {
    expect(leaseSize({ points: 20, durationSeconds: 60 })).toBe(1);
    expect(leaseSize({ points: 600, durationSeconds: 60 })).toBe(12);
    expect(leaseSize({ points: 1_000_000, durationSeconds: 60 })).toBe(100);
  });
});
