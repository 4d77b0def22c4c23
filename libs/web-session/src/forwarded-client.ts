import { createHmac } from 'node:crypto';
import { forwardedClientSecret } from './config';

/**
 * A Next.js app (storefront, admin) vouches to the gateway for its user's address (the gateway counts logins
 * and rate limits per client, and would otherwise see only the app's server):
 * `x-shop-forwarded-client: v1;<address>;<unix seconds>;<base64url HMAC-SHA256>` with the
 * secret both share (FORWARDED_CLIENT_SECRET). The gateway verifies it (apps/gateway/src/edge/
 * forwarded-client.ts) and believes it only from GATEWAY_TRUSTED_PROXIES.
 */
export const FORWARDED_CLIENT_HEADER = 'x-shop-forwarded-client';

export function signForwardedClient(secret: string, address: string, nowSeconds: number): string {
  const payload = `v1;${address};${Math.floor(nowSeconds)}`;
  return `${payload};${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

/**
 * The header that vouches for this request's user, when the app has the credential.
 * The address is the one server.mjs put in X-Forwarded-For (the socket's peer, or what trusted
 * proxies in front say); a client's own X-Forwarded-For never gets here.
 */
export function vouchFor(clientAddress: string | null | undefined): Record<string, string> {
  const secret = forwardedClientSecret();
  if (!secret || !clientAddress) return {};
  return { [FORWARDED_CLIENT_HEADER]: signForwardedClient(secret, clientAddress, Date.now() / 1000) };
}
