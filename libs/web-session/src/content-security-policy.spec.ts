import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './content-security-policy';

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy('abc123==');
  const directive = (name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

  it('forbids framing by anyone', () => {
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('runs only this origin’s scripts and those with the nonce; never eval in production', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy('n', { development: true })).toContain("'unsafe-eval'");
    expect(directive('script-src')).not.toContain('unsafe-inline');
  });

  it('keeps forms, fetches, plugins and base URLs to this origin', () => {
    expect(directive('form-action')).toBe("form-action 'self'");
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('base-uri')).toBe("base-uri 'self'");
  });

  it('makes a new nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
