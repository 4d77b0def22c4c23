import { createGatewayClient, isApiError } from '@shop/api-client';
import { vouchFor } from '@shop/web-session';
import { gatewayUrl } from './config';
import type { Caller } from './console-access';

/**
 * Who holds an access token, as the gateway says (`GET /api/me`; the gateway verifies the token's
 * signature and expiry). Answers are kept a few seconds per token, so a page's parallel requests
 * (RSC, prefetches) ask once; a demoted admin loses the console within that time, and the gateway
 * checks the role on every admin API call anyway.
 */
const KEEP_MS = 15_000;
const MAX_ENTRIES = 1_000;
const known = new Map<string, { caller: Caller; until: number }>();

export async function identify(accessToken: string | null, clientAddress: string | null, now: number = Date.now()): Promise<Caller> {
  if (!accessToken) return { kind: 'signed_out' };
  const entry = known.get(accessToken);
  if (entry && entry.until > now) return entry.caller;
  let caller: Caller;
  try {
    const user = await createGatewayClient({ baseUrl: gatewayUrl(), accessToken, headers: vouchFor(clientAddress), timeoutMs: 5_000 }).me();
    caller = { kind: 'user', role: user.role, email: user.email };
  } catch (err) {
    // 401: expired or revoked (the proxy refreshes on the next request); anything else: we cannot tell.
    if (isApiError(err) && err.status === 401) return { kind: 'signed_out' };
    return { kind: 'unknown' };
  }
  if (known.size >= MAX_ENTRIES) known.clear();
  known.set(accessToken, { caller, until: now + KEEP_MS });
  return caller;
}
