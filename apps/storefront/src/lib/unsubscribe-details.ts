import { isApiError, type GatewayClient } from '@shop/api-client';
import { UnsubscribeQuery } from '@shop/contracts';
import { shopperApi } from './gateway';

/** What an unsubscribe page found out about its link's token. */
export type UnsubscribeLinkDetails<T> = { kind: 'found'; token: string; details: T } | { kind: 'invalid' } | { kind: 'down' };

/**
 * Reads what the `?token=` of an unsubscribe page would stop, as anyone (the token is the proof;
 * the shopper's session plays no part). A token that is missing or malformed, or that the
 * platform did not sign (400), is a dead link; any other failure is the platform being away.
 */
export async function unsubscribeLinkDetails<T>(
  token: string | string[] | undefined,
  read: (api: GatewayClient, token: string) => Promise<T>,
): Promise<UnsubscribeLinkDetails<T>> {
  const query = UnsubscribeQuery.safeParse({ token });
  if (!query.success) return { kind: 'invalid' };
  try {
    return { kind: 'found', token: query.data.token, details: await read((await shopperApi()).withAccessToken(null), query.data.token) };
  } catch (err) {
    return isApiError(err) && err.status === 400 ? { kind: 'invalid' } : { kind: 'down' };
  }
}
