import { describe, expect, it } from 'vitest';
import { UnsubscribeTokens } from './unsubscribe-token.js';

describe('UnsubscribeTokens', () => {
  const tokens = UnsubscribeTokens.derivedFrom('a-platform-secret-that-is-long-enough-0123456789');

  it('answers the address it signed', () => {
    expect(tokens.verify(tokens.sign('Ada@Example.com'))).toBe('ada@example.com');
  });

  it('refuses a forged, altered or foreign token', () => {
    const token = tokens.sign('ada@example.com');
    const [, mac] = token.split('.');
    const forged = `${Buffer.from('eve@example.com').toString('base64url')}.${mac}`;
    expect(tokens.verify(forged)).toBeNull();
    expect(tokens.verify(`${token}x`)).toBeNull();
    expect(tokens.verify('not-a-token')).toBeNull();
    expect(UnsubscribeTokens.derivedFrom('another-platform-secret-long-enough-0123456789').verify(token)).toBeNull();
  });
});
