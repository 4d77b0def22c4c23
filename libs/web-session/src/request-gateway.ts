import { createGatewayClient, type GatewayClient } from '@shop/api-client';
import { headers } from 'next/headers';
import { gatewayUrl } from './config';
import { vouchFor } from './forwarded-client';
import { sessionRecoveringFetch, type SessionRenewal } from './session-recovery';

/**
 * A gateway client acting for this request's user: their access token (or none), and their
 * address vouched for, so the gateway's per-client limits count the user, not the app's server.
 * With `renew`, a refused access token renews or ends the session (session-recovery.ts).
 */
export async function gatewayForRequest(accessToken: string | null, options: { renew?: () => Promise<SessionRenewal> } = {}): Promise<GatewayClient> {
  const incoming = await headers();
  const fetch = options.renew ? sessionRecoveringFetch({ renew: options.renew }) : undefined;
  return createGatewayClient({ baseUrl: gatewayUrl(), accessToken, headers: vouchFor(incoming.get('x-forwarded-for')), ...(fetch ? { fetch } : {}) });
}
