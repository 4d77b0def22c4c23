import { createGatewayClient } from '@shop/api-client';
import type { AuthSession } from '@shop/contracts';
import { gatewayUrl } from './config';

/**
 * Refresh tokens are single-use and the gateway revokes the whole session when one is replayed,
 * so the parallel requests of one page (and its prefetches) must not each refresh: they share
 * one refresh, and its answer is kept for a short while for the stragglers.
 */
const inFlight = new Map<string, { at: number; result: Promise<AuthSession> }>();
const KEEP_MS = 30_000;

export function refreshSession(refreshToken: string, forwardedFor?: string | null): Promise<AuthSession> {
  const now = Date.now();
  for (const [token, entry] of inFlight) if (now - entry.at > KEEP_MS) inFlight.delete(token);
  const existing = inFlight.get(refreshToken);
  if (existing) return existing.result;
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const result = createGatewayClient({ baseUrl: gatewayUrl(), headers }).refresh(refreshToken);
  inFlight.set(refreshToken, { at: now, result });
  // A failure is not kept: the next request may find the gateway back.
  result.catch(() => inFlight.delete(refreshToken));
  return result;
}
