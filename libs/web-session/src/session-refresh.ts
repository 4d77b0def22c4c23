import type { AuthSession } from '@shop/contracts';

/**
 * Refresh tokens are single-use and the gateway revokes the whole session when one is replayed,
 * so the parallel requests of one page (and its prefetches) must not each refresh: they share
 * one refresh, and its answer is kept for a few seconds for the stragglers.
 *
 * That answer is a fresh session, so it is handed only to the browser that asked for it: the
 * same client (address and user agent) presenting the same token. Anyone else presenting the
 * spent token (a replay) is not served from here: their refresh goes to the gateway, which sees
 * a spent token, revokes the session and refuses it.
 */
export interface RefreshClient {
  /** The shopper's address (server.mjs), and their user agent. */
  address: string | null;
  userAgent: string | null;
}

export interface RefreshCacheOptions {
  /** Swaps a refresh token for a new session at the gateway. */
  refresh: (refreshToken: string, client: RefreshClient) => Promise<AuthSession>;
  /** How long a settled refresh is kept for stragglers of the same page. */
  keepMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  client: string;
  result: Promise<AuthSession>;
}

export function createRefreshCache(options: RefreshCacheOptions) {
  const keepMs = options.keepMs ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  return function refreshSession(refreshToken: string, client: RefreshClient): Promise<AuthSession> {
    const at = now();
    for (const [token, entry] of entries) if (at - entry.at > keepMs) entries.delete(token);
    const fingerprint = `${client.address ?? ''}\n${client.userAgent ?? ''}`;
    const existing = entries.get(refreshToken);
    if (existing && existing.client === fingerprint) return existing.result;
    // Not this browser's refresh (or none yet): the gateway decides; a spent token is a replay there.
    const result = options.refresh(refreshToken, client);
    if (!existing) {
      entries.set(refreshToken, { at, client: fingerprint, result });
      // A failure is not kept: the next request may find the gateway back.
      result.catch(() => {
        if (entries.get(refreshToken)?.result === result) entries.delete(refreshToken);
      });
    }
    return result;
  };
}

const SHARED = Symbol.for('@shop/web-session/refresh-cache');

/**
 * The process's one refresh cache: the proxy (a missing access token) and the route handlers (a
 * refused one) must share it, or two parts of one page could each spend the same single-use token.
 * Kept on globalThis because Next.js bundles the proxy apart from the routes.
 */
export function sharedRefreshCache(options: RefreshCacheOptions): ReturnType<typeof createRefreshCache> {
  const holder = globalThis as { [SHARED]?: ReturnType<typeof createRefreshCache> };
  holder[SHARED] ??= createRefreshCache(options);
  return holder[SHARED];
}
