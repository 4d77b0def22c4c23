import { describe, expect, it } from 'vitest';
import { UnsubscribeTokens } from './unsubscribe-token.js';

const ADA = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const EVE = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

describe('UnsubscribeTokens', () => {
  const tokens = UnsubscribeTokens.derivedFrom('a-platform-secret-that-is-long-enough-0123456789');

  it('answers the address it signed', () => {
    expect(tokens.verify(tokens.sign('Ada@Example.com'))).toBe('ada@example.com');
    expect(tokens.read(tokens.sign('ada@example.com'))).toEqual({ kind: 'marketing', email: 'ada@example.com' });
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

  it('scopes a back-in-stock link to one customer and one SKU', () => {
    const token = tokens.signAlert(ADA, 'TRAIL-42');
    expect(token).toMatch(/^bis\.[0-9a-f-]{36}\.TRAIL-42\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.read(token)).toEqual({ kind: 'back-in-stock', customerId: ADA, sku: 'TRAIL-42' });
    // Not an address's link: it never opts anyone out of every marketing mail.
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a back-in-stock link whose customer or SKU was changed, or cut short, or signed elsewhere', () => {
    const token = tokens.signAlert(ADA, 'TRAIL-42');
    const mac = token.split('.')[3]!;
    expect(tokens.read(`bis.${EVE}.TRAIL-42.${mac}`)).toBeNull();
    expect(tokens.read(`bis.${ADA}.TRAIL-43.${mac}`)).toBeNull();
    expect(tokens.read(token.slice(0, -1))).toBeNull();
    expect(tokens.read(`bis.${ADA}.TRAIL-42`)).toBeNull();
    expect(tokens.read(`bis.not-a-uuid.TRAIL-42.${mac}`)).toBeNull();
    expect(tokens.read(`bis.${ADA}.trail-42.${mac}`)).toBeNull();
    expect(UnsubscribeTokens.derivedFrom('another-platform-secret-long-enough-0123456789').read(token)).toBeNull();
  });

  it('never takes one kind’s signature for the other’s', () => {
    // An address token's MAC over the same text does not make a valid alert token, nor the reverse.
    const alertMac = tokens.signAlert(ADA, 'TRAIL-42').split('.')[3]!;
    expect(tokens.read(`${Buffer.from(`x@${ADA}`).toString('base64url')}.${alertMac}`)).toBeNull();
    const addressMac = tokens.sign('ada@example.com').split('.')[1]!;
    expect(tokens.read(`bis.${ADA}.TRAIL-42.${addressMac}`)).toBeNull();
  });
});
