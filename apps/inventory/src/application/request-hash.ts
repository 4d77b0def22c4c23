import { hash } from 'node:crypto';
import type { CreateReservationBody } from '@shop/contracts';

/**
 * The fingerprint of a reservation request, stored with its idempotency key: a retry with the
 * same key must carry the same items, customer and TTL (in the same order) to get the stored
 * answer. (One-shot `crypto.hash`: this runs on every reservation.)
 */
export function requestHash(body: CreateReservationBody): string {
  const canonical = JSON.stringify([body.items.map((i) => [i.sku, i.quantity]), body.customerId ?? null, body.ttlSeconds ?? null]);
  return hash('sha256', canonical, 'base64url');
}
