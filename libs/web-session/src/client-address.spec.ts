import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from '../client-address.mjs';

describe('clientAddress (next-server.mjs)', () => {
  const none = trustedProxies('');
  const proxies = trustedProxies('10.0.0.0/8, 127.0.0.1');

  it('is the socket’s peer; a client-sent X-Forwarded-For is ignored', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', none)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7', undefined, none)).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.7', '203.0.113.1', proxies)).toBe('198.51.100.7');
  });

  it('behind trusted proxies, the right-most address they did not write', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // The client wrote "1.2.3.4" itself; the proxy appended the real peer.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.9', proxies)).toBe('198.51.100.7');
  });

  it('garbage in the chain stops the walk at the last trustworthy hop', () => {
    expect(clientAddress('10.0.0.2', 'not-an-ip', proxies)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '10.0.0.3', proxies)).toBe('10.0.0.3');
  });

  it('refuses a proxy list entry that is not an address', () => {
    expect(() => trustedProxies('proxy.local')).toThrow(/not an address/);
  });
});
