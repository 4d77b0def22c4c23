import { describe, expect, it } from 'vitest';
import { addressSet, clientAddressOf, MAX_SKEW_SECONDS, signForwardedClient, verifyForwardedClient } from './forwarded-client.js';

const secret = 'a-storefront-secret-of-at-least-32-characters';
const now = 1_800_000_000;
const trust = { proxies: addressSet(['127.0.0.1', '10.1.0.0/16', '::1']), secret };

describe('verifyForwardedClient', () => {
  it('round-trips an IPv4 and an IPv6 address', () => {
    expect(verifyForwardedClient(signForwardedClient(secret, '203.0.113.7', now), secret, now)).toBe('203.0.113.7');
    expect(verifyForwardedClient(signForwardedClient(secret, '2001:db8::1', now), secret, now + 5)).toBe('2001:db8::1');
  });

  it('refuses another secret, a changed address, a stale or future signature, garbage', () => {
    const header = signForwardedClient(secret, '203.0.113.7', now);
    expect(verifyForwardedClient(header, 'another-secret-of-at-least-32-characters!!', now)).toBeNull();
    expect(verifyForwardedClient(header.replace('203.0.113.7', '203.0.113.8'), secret, now)).toBeNull();
    expect(verifyForwardedClient(header, secret, now + MAX_SKEW_SECONDS + 1)).toBeNull();
    expect(verifyForwardedClient(signForwardedClient(secret, '203.0.113.7', now + MAX_SKEW_SECONDS + 1), secret, now)).toBeNull();
    expect(verifyForwardedClient(signForwardedClient(secret, 'not-an-ip', now), secret, now)).toBeNull();
    for (const bad of ['', '203.0.113.7', 'v1;203.0.113.7;1;x', `v2;203.0.113.7;${now};x`, `${header};extra`]) {
      expect(verifyForwardedClient(bad, secret, now)).toBeNull();
    }
  });
});

describe('clientAddressOf', () => {
  const header = signForwardedClient(secret, '198.51.100.20', now);

  it('believes a trusted proxy with a valid signature', () => {
    expect(clientAddressOf('127.0.0.1', header, trust, now)).toBe('198.51.100.20');
    expect(clientAddressOf('::ffff:10.1.4.2', header, trust, now)).toBe('198.51.100.20');
    expect(clientAddressOf('::1', header, trust, now)).toBe('198.51.100.20');
  });

  it('a valid signature from an untrusted peer counts as that peer', () => {
    expect(clientAddressOf('192.0.2.9', header, trust, now)).toBe('192.0.2.9');
  });

  it('a trusted peer without a valid signature counts as itself', () => {
    expect(clientAddressOf('127.0.0.1', undefined, trust, now)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', 'v1;198.51.100.20;1;forged', trust, now)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', [header, header], trust, now)).toBe('127.0.0.1');
  });

  it('without configured trust, nobody vouches for anybody', () => {
    expect(clientAddressOf('127.0.0.1', header, null, now)).toBe('127.0.0.1');
  });

  it('refuses a trusted-proxy list with something that is not an address', () => {
    expect(() => addressSet(['storefront.local'])).toThrow(/not an address/);
  });
});
