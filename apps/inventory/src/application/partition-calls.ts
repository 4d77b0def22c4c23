import { FailureCode, type Reservation, type SaleLimit, type StockLevel } from '@shop/contracts';
import type { AdjustStockCommand, HoldCommand, Outcome, RefusalCode, ReserveCommand, RestockCommand, SaleLimitView, SetSaleLimitCommand, SetStockCommand } from '../domain/commands.js';
import type { HoldAction } from '../inventory-routes.js';
import { failed, failures, ok, type Answer, type Failure } from './failures.js';
import type { RelayedRequest } from './inventory-peers.js';
import type { PartitionCall } from './partition-dispatcher.js';

/**
 * The typed commands a partition runs, each with the one mapping of its actor's outcome to the
 * answer and the way its owner is asked when that is another instance. (Releasing or committing
 * a reservation and expiring a partition also tell the participants: InventoryService builds those.)
 */

/**
 * A reservation, decided by the partition of its first item (the coordinator). Only a local actor
 * runs it: a request for a partition served elsewhere is forwarded before its command is built.
 */
export function reserveCall(command: ReserveCommand): PartitionCall<Reservation> {
  return { command, answer: reservationAnswer };
}

/** A participant's part of another partition's reservation. */
export function holdCall(partition: number, command: HoldCommand): PartitionCall<{ held: true }> {
  return {
    command,
    answer: (outcome) => {
      if (outcome.kind === 'held') return ok({ held: true as const });
      if (outcome.kind === 'refused') return failed(refusalFailure(outcome.code, outcome.skus, outcome.saleAllocation));
      return unexpected(outcome);
    },
    remote: { call: (peers, origin) => peers.hold(origin, partition, command) },
  };
}

/** A participant follows its coordinator's decision about a hold. */
export function finishHoldCall(partition: number, reservationId: string, action: HoldAction): PartitionCall<{ status: string }> {
  return {
    command: action === 'commit' ? { kind: 'commit', reservationId } : { kind: 'release', reservationId, reason: action === 'expire' ? 'expired' : 'released' },
    answer: (outcome) => {
      if (outcome.kind === 'finished') return ok({ status: outcome.status });
      // A hold that was never made (its hold request was refused) or is already gone: nothing to do.
      if (outcome.kind === 'unknownReservation') return ok({ status: 'unknown' });
      if (outcome.kind === 'notHeld') return failed(failures.notHeld(reservationId, outcome.status));
      return unexpected(outcome);
    },
    remote: { call: (peers, origin) => peers.finishHold(origin, partition, reservationId, action) },
  };
}

/** Sets or adjusts a SKU's on-hand count (admin). */
export function stockCall(command: SetStockCommand | AdjustStockCommand, relay: RelayedRequest): PartitionCall<StockLevel> {
  return {
    command,
    answer: (outcome) => {
      if (outcome.kind === 'stock') return ok(outcome.level);
      if (outcome.kind === 'belowCommitments') return failed(failures.belowCommitments(outcome.level));
      if (outcome.kind === 'unknownSku') return failed(failures.unknownSku(command.sku));
      return unexpected(outcome);
    },
    remote: { relay },
  };
}

/** Sold units come back into available stock, once per key (a repeat answers the level, `replayed`). */
export function restockCall(partition: number, command: RestockCommand): PartitionCall<StockLevel> {
  return {
    command,
    answer: (outcome) => {
      if (outcome.kind === 'restocked') return ok(outcome.level, outcome.replay);
      if (outcome.kind === 'notCommitted') return failed(failures.notCommitted(command.sku, command.quantity, outcome.level));
      if (outcome.kind === 'unknownSku') return failed(failures.unknownSku(command.sku));
      return unexpected(outcome);
    },
    remote: { call: (peers, origin) => peers.restock(origin, partition, command) },
  };
}

/** Sets a flash sale's limit and allocation (the answer is read after: `readSaleLimitCall`). */
export function setSaleLimitCall(command: SetSaleLimitCommand, relay: RelayedRequest): PartitionCall<true> {
  return {
    command,
    answer: (outcome) => {
      if (outcome.kind === 'unknownSku') return failed(failures.unknownSku(command.sku));
      if (outcome.kind !== 'saleLimitSet') return unexpected(outcome);
      return ok(true as const);
    },
    remote: { relay },
  };
}

/** A sale limit with the actor's live figures of its allocation. */
export function readSaleLimitCall(sku: string, relay: RelayedRequest): PartitionCall<SaleLimit> {
  return {
    command: { kind: 'readSaleLimit', sku },
    answer: (outcome) => {
      if (outcome.kind === 'noSaleLimit') return failed(failures.noSaleLimit(sku));
      if (outcome.kind !== 'saleLimit') return unexpected(outcome);
      return ok(saleLimitOf(outcome.view));
    },
    remote: { relay },
  };
}

/** A cancelled sale: its limit and allocation go (404 when there is none). */
export function clearSaleLimitCall(sku: string, relay: RelayedRequest): PartitionCall<{ sku: string; removed: true }> {
  return {
    command: { kind: 'clearSaleLimit', sku },
    answer: (outcome) => {
      if (outcome.kind === 'noSaleLimit') return failed(failures.noSaleLimit(sku));
      if (outcome.kind !== 'saleLimitCleared') return unexpected(outcome);
      return ok({ sku, removed: true as const });
    },
    remote: { relay },
  };
}

function saleLimitOf(v: SaleLimitView): SaleLimit {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { sku: v.sku, perCustomer: v.perCustomer, units: v.units, unitsTaken: v.unitsTaken, unitsRemaining: v.unitsRemaining, startsAt: iso(v.startsAt), endsAt: iso(v.endsAt) };
}

/** The partition reloads its SKUs' product statuses. */
export function refreshProductStatusCall(partition: number): PartitionCall<{ refreshed: boolean }> {
  return {
    command: { kind: 'refreshProductStatus' },
    answer: () => ok({ refreshed: true }),
    remote: { call: (peers, origin) => peers.refreshProductStatus(origin, partition) },
  };
}

export function reservationAnswer(outcome: Outcome): Answer<Reservation> {
  switch (outcome.kind) {
    case 'reserved': {
      const h = outcome.header;
      return ok({ reservationId: h.reservationId, items: h.items as Reservation['items'], expiresAt: new Date(h.expiresAt).toISOString() }, outcome.replay);
    }
    case 'refused':
      return failed(refusalFailure(outcome.code, outcome.skus, outcome.saleAllocation));
    case 'keyReused':
      return failed(failures.keyReused());
    case 'cannotReplace':
      return failed(
        outcome.reason === 'unknown' ? failures.unknownReservation(outcome.reservationId) : failures.cannotReplace(outcome.reservationId, outcome.reason, outcome.status),
      );
    default:
      return unexpected(outcome);
  }
}

export function refusalFailure(code: RefusalCode, skus: string[], saleAllocation?: true): Failure {
  if (saleAllocation) return failures.saleAllocationExhausted(skus);
  if (code === FailureCode.UNKNOWN_SKU) return failures.unknownSkus(skus);
  if (code === FailureCode.SKU_UNAVAILABLE) return failures.unavailable(skus);
  return code === FailureCode.LIMIT_EXCEEDED ? failures.limitExceeded(skus) : failures.outOfStock(skus);
}

export function unexpected(outcome: Outcome): never {
  throw new Error(`unexpected outcome ${outcome.kind}`);
}
