import type { Result, StockLevel } from '@shop/contracts';
import type { HoldCommand, RestockCommand } from '../domain/commands.js';
import type { HoldAction } from '../inventory-routes.js';
import type { Answer } from './failures.js';

/** A client's request as this instance received it, to be sent on to the partition's owner. */
export interface RelayedRequest {
  method: string;
  path: string;
  body?: unknown;
  /** The client's identity (signed by the gateway) and Idempotency-Key, as they came. */
  headers?: Record<string, string>;
}

/** What expiring a partition's due holds did. */
export interface ExpiredCounts {
  reservations: number;
  holds: number;
}

/**
 * The port to the other inventory instances (one typed client: adapters/inventory-peer-client.ts).
 * Every call is marked as forwarded, so the owner never sends it on again. An owner that does not
 * answer is a `PARTITION_UNAVAILABLE` failure (retry shortly), never an exception, except for
 * `expire`, whose caller (the expiry jobs) retries on any error.
 */
export interface InventoryPeers {
  /** Forwards a client's request; the owner's answer comes back as it is. */
  relay(origin: string, partition: number, request: RelayedRequest): Promise<Answer<never>>;
  /** Holds items of another partition's reservation in the owner's partition. */
  hold(origin: string, partition: number, command: HoldCommand): Promise<Result<{ held: true }>>;
  /** Releases, expires or commits such a hold there. */
  finishHold(origin: string, partition: number, reservationId: string, action: HoldAction): Promise<Result<{ status: string }>>;
  refreshProductStatus(origin: string, partition: number): Promise<Result<{ refreshed: boolean }>>;
  /** Puts sold units back into available stock in the owner's partition (once per key). */
  restock(origin: string, partition: number, command: RestockCommand): Promise<Result<StockLevel>>;
  expire(origin: string, partition: number): Promise<ExpiredCounts>;
}
