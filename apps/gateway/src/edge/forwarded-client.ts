import { BlockList, isIP } from 'node:net';
import { mac, sameMac } from '@shop/observability';

/**
 * How a trusted proxy (the storefront) tells the gateway which shopper a request is for:
 * `x-shop-forwarded-client: v1;<address>;<unix seconds>;<base64url HMAC-SHA256>` over
 * `v1;<address>;<unix seconds>` with FORWARDED_CLIENT_SECRET. The gateway believes it only when
 * the connection comes from GATEWAY_TRUSTED_PROXIES *and* the signature verifies and is fresh;
 * a client-sent `X-Forwarded-For` is never believed (unless TRUST_PROXY names a load balancer
 * in front of the gateway). The storefront signs in apps/storefront/src/lib/forwarded-client.ts.
 */
export const FORWARDED_CLIENT_HEADER = 'x-shop-forwarded-client';

/** A signature older (or further in the future) than this is refused: a leaked header soon stops working. */
export const MAX_SKEW_SECONDS = 60;

const VERSION = 'v1';

/** Strips the IPv4-mapped IPv6 prefix a dual-stack socket reports (`::ffff:10.0.0.1`). */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function signForwardedClient(secret: string, address: string, nowSeconds: number): string {
  const payload = `${VERSION};${address};${Math.floor(nowSeconds)}`;
  return `${payload};${mac(secret, payload)}`;
}

/** The address a header vouches for, or null when it is malformed, stale or not signed with `secret`. */
export function verifyForwardedClient(header: string, secret: string, nowSeconds: number): string | null {
  const parts = header.split(';');
  if (parts.length !== 4) return null;
  const [version, address, issuedAt, signature] = parts as [string, string, string, string];
  if (version !== VERSION || isIP(address) === 0 || !/^\d{1,12}$/.test(issuedAt)) return null;
  if (Math.abs(nowSeconds - Number(issuedAt)) > MAX_SKEW_SECONDS) return null;
  if (!sameMac(mac(secret, `${version};${address};${issuedAt}`), signature)) return null;
  return normalizeAddress(address);
}

/** Addresses and CIDRs ("10.0.0.0/8", "::1") as a set to test peers against. */
export function addressSet(entries: readonly string[]): BlockList {
  const set = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : null;
    if (!family) throw new Error(`GATEWAY_TRUSTED_PROXIES: "${entry}" is not an address or CIDR`);
    if (bits === undefined) set.addAddress(address, family);
    else set.addSubnet(address, Number(bits), family);
  }
  return set;
}

export interface ForwardedClientTrust {
  proxies: BlockList;
  secret: string;
}

/**
 * The client a request is counted and logged as: the shopper a trusted proxy vouches for, else
 * the connection's own address (`peer`, Fastify's `request.ip`).
 */
export function clientAddressOf(peer: string, header: string | string[] | undefined, trust: ForwardedClientTrust | null, nowSeconds: number): string {
  const self = normalizeAddress(peer);
  if (!trust || typeof header !== 'string') return self;
  const family = isIP(self) === 6 ? 'ipv6' : 'ipv4';
  if (!trust.proxies.check(self, family)) return self;
  return verifyForwardedClient(header, trust.secret, nowSeconds) ?? self;
}
