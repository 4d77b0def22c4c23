import { createGatewayClient, type GatewayClient } from '@shop/api-client';
import { headers } from 'next/headers';
import { gatewayUrl } from './config';
import { vouchFor } from './forwarded-client';

/**
 * A gateway client acting for this request's user: their access token (or none), and their
 * address vouched for, so the gateway's per-client limits count the user, not the app's server.
 */
export async function gatewayForRequest(accessToken: string | null): Promise<GatewayClient> {
  const incoming = await headers();
  return createGatewayClient({ baseUrl: gatewayUrl(), accessToken, headers: vouchFor(incoming.get('x-forwarded-for')) });
}
