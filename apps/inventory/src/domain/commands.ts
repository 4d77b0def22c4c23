import type { FailureCode, ReservationStatus } from '@shop/contracts';
import type { HeaderRecord, HoldBounds, ItemQuantity } from './partition-snapshot.js';

/** Work a partition actor decides. Times are epoch milliseconds. */
export type Command =
  | ReserveCommand
  | HoldCommand
  | ReleaseCommand
  | CommitCommand
  | SetStockCommand
  | AdjustStockCommand
  | SetSaleLimitCommand
  | RefreshProductStatusCommand
  | ExpireDueCommand;

/** A reservation coordinated by this partition: its header, plus its items of this partition. */
export interface ReserveCommand {
  kind: 'reserve';
  reservationId: string;
  idempotencyKey: string;
  requestHash: string;
  customerId: string | null;
  /** Every item of the reservation. */
  items: readonly ItemQuantity[];
  /** The items whose SKUs belong to this partition (held here). */
  localItems: readonly ItemQuantity[];
  /** Other partitions that already hold the other items. */
  participants: readonly number[];
  expiresAt: number;
  /** A customer's request is bounded; null for a trusted service (the checkout saga). */
  bounds: HoldBounds | null;
  /** A sale limit also counts these (checkout: the shipping address and the card); absent: none. */
  limitKeys?: readonly string[];
}

/** Another partition's reservation holding this partition's items (multi-partition reservations). */
export interface HoldCommand {
  kind: 'hold';
  reservationId: string;
  customerId: string | null;
  items: readonly ItemQuantity[];
  expiresAt: number;
  /** The coordinator's bounds of the customer's request, checked here for this partition's SKUs. */
  bounds: HoldBounds | null;
  limitKeys?: readonly string[];
}

export interface ReleaseCommand {
  kind: 'release';
  reservationId: string;
  reason: 'released' | 'expired';
  /**
   * Set when a customer asks: only their own reservation is released; anyone else's is answered
   * as unknown (404), so ids cannot be probed. Absent for the owner's services and admins.
   */
  onlyOwnedBy?: string;
}

export interface CommitCommand {
  kind: 'commit';
  reservationId: string;
}

export interface SetStockCommand {
  kind: 'setStock';
  sku: string;
  onHand: number;
  reason: string | null;
}

export interface AdjustStockCommand {
  kind: 'adjustStock';
  sku: string;
  delta: number;
  reason: string;
}

export interface SetSaleLimitCommand {
  kind: 'setSaleLimit';
  sku: string;
  perCustomer: number;
  startsAt: number | null;
  endsAt: number | null;
}

/** A product's status changed in the catalog (and in inventory.sku_status): reload the partition to see it. */
export interface RefreshProductStatusCommand {
  kind: 'refreshProductStatus';
}

/** Expires every hold and held reservation whose time has come. */
export interface ExpireDueCommand {
  kind: 'expireDue';
}

export interface StockLevelView {
  sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  available: number;
}

/** The answer to one command. Refusals are values, not exceptions. */
export type Outcome =
  | { kind: 'reserved'; header: HeaderRecord; replay: boolean }
  | { kind: 'held' }
  | { kind: 'refused'; code: RefusalCode; skus: string[] }
  | { kind: 'keyReused'; reservationId: string }
  | { kind: 'finished'; status: ReservationStatus; participants: readonly number[]; changed: boolean }
  | { kind: 'notHeld'; status: ReservationStatus }
  | { kind: 'unknownReservation' }
  | { kind: 'stock'; level: StockLevelView }
  | { kind: 'belowCommitments'; level: StockLevelView }
  | { kind: 'unknownSku' }
  | { kind: 'saleLimit'; sku: string }
  | { kind: 'refreshing' }
  | { kind: 'expired'; reservations: { reservationId: string; participants: readonly number[] }[]; holds: number };

/** Why items cannot be held: no such SKU, its product is not purchasable, over a limit, not enough. */
/** Why the decider refuses a reservation, in the platform's failure codes. */
export type RefusalCode =
  | typeof FailureCode.UNKNOWN_SKU
  | typeof FailureCode.SKU_UNAVAILABLE
  | typeof FailureCode.LIMIT_EXCEEDED
  | typeof FailureCode.OUT_OF_STOCK;
