// The user's address as an app's server (storefront, admin) sees it, for the gateway's per-client limits.
// Plain Node (next-server.mjs loads it before Next.js); tested by src/client-address.spec.ts.
import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (a dual-stack socket's IPv4) → `10.0.0.1`. */
export function normalizeAddress(address) {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function familyOf(address) {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** <APP>_TRUSTED_PROXIES ("10.0.0.0/8,127.0.0.1"): proxies in front of the app whose X-Forwarded-For is believed. */
export function trustedProxies(value = '') {
  const set = new BlockList();
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = entry.split('/');
    if (isIP(address) === 0) throw new Error(`trusted proxies: "${entry}" is not an address or CIDR`);
    if (bits === undefined) set.addAddress(address, familyOf(address));
    else set.addSubnet(address, Number(bits), familyOf(address));
  }
  return set;
}

/**
 * The client of a connection: the socket's peer, unless that peer is a trusted proxy, in which
 * case the right-most X-Forwarded-For entry that is not itself a trusted proxy (entries to its
 * left were written by the client and prove nothing).
 */
export function clientAddress(peer, forwardedFor, trusted) {
  let client = normalizeAddress(peer ?? '');
  if (typeof forwardedFor !== 'string' || !trusted.check(client, familyOf(client))) return client;
  const hops = forwardedFor.split(',').map((s) => normalizeAddress(s.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.check(hop, familyOf(hop))) return hop;
  }
  return client;
}
