import type { FailureCode, ReservationStatus } from '@shop/contracts';
import type { HeaderRecord, HoldBounds, ItemQuantity } from './partition-snapshot.js';

/** Work a partition actor decides. Times are epoch milliseconds. */
export type Command =
  | ReserveCommand
  | HoldCommand
  | ReleaseCommand
  | CommitCommand
  | RestockCommand
  | SetStockCommand
  | AdjustStockCommand
  | SetSaleLimitCommand
  | ClearSaleLimitCommand
  | ReadSaleLimitCommand
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
  /**
   * A held reservation of the same customer, wholly in this partition, that this one takes the
   * place of: decided as if it were released; released (replaced) only if this one is made.
   */
  replaces?: string;
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

/**
 * Sold units of a SKU come back into available stock (committed → available; on hand unchanged),
 * once per `key`: a repeated key answers the restock as done and changes nothing.
 */
export interface RestockCommand {
  kind: 'restock';
  key: string;
  sku: string;
  quantity: number;
  reason: string | null;
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
  /** The sale's allocation; null: no cap beyond the stock. */
  units: number | null;
  startsAt: number | null;
  endsAt: number | null;
}

/** A cancelled sale: its limit and allocation go. */
export interface ClearSaleLimitCommand {
  kind: 'clearSaleLimit';
  sku: string;
}

/** A sale limit with the actor's figures (read through the mailbox: after any reload a change asked for). */
export interface ReadSaleLimitCommand {
  kind: 'readSaleLimit';
  sku: string;
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

/** A sale limit with the actor's live figures of its allocation. */
export interface SaleLimitView {
  sku: string;
  perCustomer: number;
  units: number | null;
  unitsTaken: number;
  unitsRemaining: number;
  startsAt: number | null;
  endsAt: number | null;
}

/** Why `replaces` was refused: unknown to this partition, no longer held, someone else's, or not wholly here. */
export type ReplaceRefusal = 'unknown' | 'not_held' | 'other_customer' | 'other_partition';

/** The answer to one command. Refusals are values, not exceptions. */
export type Outcome =
  | { kind: 'reserved'; header: HeaderRecord; replay: boolean }
  | { kind: 'held' }
  /** `saleAllocation`: OUT_OF_STOCK because a flash sale's allocation is used up (the SKU may have stock). */
  | { kind: 'refused'; code: RefusalCode; skus: string[]; saleAllocation?: true }
  /** `replaces` names a reservation this one cannot take the place of. */
  | { kind: 'cannotReplace'; reservationId: string; reason: ReplaceRefusal; status?: ReservationStatus }
  | { kind: 'keyReused'; reservationId: string }
  | { kind: 'finished'; status: ReservationStatus; participants: readonly number[]; changed: boolean }
  | { kind: 'notHeld'; status: ReservationStatus }
  | { kind: 'unknownReservation' }
  | { kind: 'stock'; level: StockLevelView }
  /** `replay`: the key had restocked already; nothing changed. */
  | { kind: 'restocked'; level: StockLevelView; replay: boolean }
  /** Fewer units are committed (sold) than a restock asks to put back. */
  | { kind: 'notCommitted'; level: StockLevelView }
  | { kind: 'belowCommitments'; level: StockLevelView }
  | { kind: 'unknownSku' }
  | { kind: 'saleLimitSet'; sku: string }
  | { kind: 'saleLimit'; view: SaleLimitView }
  | { kind: 'saleLimitCleared'; sku: string }
  | { kind: 'noSaleLimit'; sku: string }
  | { kind: 'refreshing' }
  | { kind: 'expired'; reservations: { reservationId: string; participants: readonly number[] }[]; holds: number };

/** Why items cannot be held: no such SKU, its product is not purchasable, over a limit, not enough. */
/** Why the decider refuses a reservation, in the platform's failure codes. */
export type RefusalCode =
  | typeof FailureCode.UNKNOWN_SKU
  | typeof FailureCode.SKU_UNAVAILABLE
  | typeof FailureCode.LIMIT_EXCEEDED
  | typeof FailureCode.OUT_OF_STOCK;
