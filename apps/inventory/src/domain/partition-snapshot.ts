import type { ReservationStatus } from '@shop/contracts';

/** One SKU's stock as the partition actor knows it (the committed database row). */
export interface StockRecord {
  readonly sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  version: number;
}

export interface ItemQuantity {
  readonly sku: string;
  readonly quantity: number;
}

/** A reservation's items held in THIS partition (its own SKUs only). */
export interface HoldRecord {
  readonly reservationId: string;
  readonly items: readonly ItemQuantity[];
  readonly customerId: string | null;
  /** Identities a sale limit counts these units against besides the customer (`addr:…`, `card:…`). */
  readonly limitKeys?: readonly string[];
  /** Epoch ms. A participant's holds outlive the coordinator's expiry by a grace period. */
  readonly expiresAt: number;
  readonly createdAt: number;
}

/** A reservation coordinated by this partition (the partition of its first item's SKU). */
export interface HeaderRecord {
  readonly reservationId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly customerId: string | null;
  readonly status: ReservationStatus;
  /** Every item of the reservation, as requested (the idempotent answer). */
  readonly items: readonly ItemQuantity[];
  /** Other partitions holding some of the items. */
  readonly participants: readonly number[];
  readonly expiresAt: number;
  readonly createdAt: number;
}

export interface SaleLimitRecord {
  readonly sku: string;
  readonly perCustomer: number;
  /** The sale's allocation: at most this many units counting toward the limit, held or sold; null: no cap. */
  readonly units: number | null;
  readonly startsAt: number | null;
  readonly endsAt: number | null;
  /**
   * Units count toward the limit only when in force after this moment (their expiry is later): the
   * window's start, or when the limit was set without one; null (older limits): all of them.
   */
  readonly countsFrom: number | null;
}

/** What loading a partition from the database yields. */
export interface SnapshotData {
  stock: StockRecord[];
  holds: HoldRecord[];
  headers: HeaderRecord[];
  limits: SaleLimitRecord[];
  /**
   * Units held or committed per (sku, identity) counting toward each limited SKU's limit; an
   * identity is a customer id or a limit key (`addr:…`, `card:…`).
   */
  usage: { sku: string; customerId: string; units: number }[];
  /** Units held or committed counting toward each limited SKU's limit, whoever holds them (its allocation's use). Absent: none. */
  taken?: { sku: string; units: number }[];
  /** The partition's SKUs whose product the catalog says is not active (draft, archived): never held. Absent: none. */
  unpurchasable?: string[];
  /** Keys of the restocks made in this partition (each restocks once). Absent: none. */
  restockKeys?: string[];
}

export const availableOf = (s: Pick<StockRecord, 'onHand' | 'reserved' | 'committed'>): number => s.onHand - s.reserved - s.committed;

/**
 * What a customer (not a trusted service) may hold at once in a partition: `perSkuUnits` of a SKU
 * without a sale limit (a limited SKU's own `perCustomer` bounds it instead, before its window
 * too), and `partitionUnits` over all the partition's SKUs.
 */
export interface HoldBounds {
  readonly perSkuUnits: number;
  readonly partitionUnits: number;
}

/** The window of a sale limit contains `at` (epoch ms). */
export function limitCovers(limit: SaleLimitRecord, at: number): boolean {
  return (limit.startsAt === null || at >= limit.startsAt) && (limit.endsAt === null || at < limit.endsAt);
}

/**
 * Units made at `madeAt` and held until `expiresAt` count toward a sale limit (a customer's usage
 * and the sale's allocation) unless made after its window closed, or gone (by their expiry) before
 * the limit counts from: holds made before the window opens count in it (else a buyer could stock
 * up beforehand), while what was sold or held and let go before then does not (a SKU's sales of
 * last month do not use up this sale). A pure function of the item's stored times, so a partition
 * load recomputes exactly what the actor counted.
 */
export function countsTowardLimit(limit: SaleLimitRecord, madeAt: number, expiresAt: number): boolean {
  return (limit.endsAt === null || madeAt < limit.endsAt) && (limit.countsFrom === null || expiresAt > limit.countsFrom);
}

/** The limit bounds what customers hold now: its window is open or yet to come. */
export function limitAheadOrOpen(limit: SaleLimitRecord, at: number): boolean {
  return limit.endsAt === null || at < limit.endsAt;
}

/** Units of the sale's allocation shoppers can still get: min(units − taken, available), never below 0; available when uncapped. */
export function unitsRemainingOf(limit: SaleLimitRecord, taken: number, available: number): number {
  const left = limit.units === null ? available : Math.min(limit.units - taken, available);
  return Math.max(0, left);
}

/**
 * A partition's state in memory: every SKU's stock, the holds in force, the reservations it
 * coordinates (recent ones, for idempotent replays) and sale limits with their usage. Only the
 * partition's actor changes it, and only with a delta whose batch has committed.
 */
export class PartitionSnapshot {
  readonly stock = new Map<string, StockRecord>();
  /** Read it freely; change it only through `putHold` / `dropHold` (they keep the per-customer index). */
  readonly holds = new Map<string, HoldRecord>();
  /** customer → sku → units held in force (for customers' hold bounds). */
  private readonly heldByCustomer = new Map<string, Map<string, number>>();
  readonly headers = new Map<string, HeaderRecord>();
  readonly headersByKey = new Map<string, HeaderRecord>();
  readonly limits = new Map<string, SaleLimitRecord>();
  /** SKUs whose product is draft or archived (from the catalog's events): nobody may hold them. */
  readonly unpurchasable = new Set<string>();
  /** sku → customer → units, for SKUs with a sale limit. */
  readonly usage = new Map<string, Map<string, number>>();
  /** sku → units held or committed counting toward its sale limit, by anyone (the allocation's use). */
  readonly taken = new Map<string, number>();
  /** Keys of restocks made (sold units put back): a repeated key restocks nothing. */
  readonly restockKeys = new Set<string>();

  constructor(readonly partition: number) {}

  static from(partition: number, data: SnapshotData): PartitionSnapshot {
    const snapshot = new PartitionSnapshot(partition);
    for (const s of data.stock) snapshot.stock.set(s.sku, { ...s });
    for (const h of data.holds) snapshot.putHold(h);
    for (const h of data.headers) snapshot.rememberHeader(h);
    for (const l of data.limits) snapshot.limits.set(l.sku, l);
    for (const u of data.usage) snapshot.setUsage(u.sku, u.customerId, u.units);
    for (const t of data.taken ?? []) snapshot.setTaken(t.sku, t.units);
    for (const sku of data.unpurchasable ?? []) snapshot.unpurchasable.add(sku);
    for (const key of data.restockKeys ?? []) snapshot.restockKeys.add(key);
    return snapshot;
  }

  putHold(hold: HoldRecord): void {
    this.dropHold(hold.reservationId);
    this.holds.set(hold.reservationId, hold);
    addHeld(this.heldByCustomer, hold, 1);
  }

  dropHold(reservationId: string): void {
    const hold = this.holds.get(reservationId);
    if (!hold) return;
    this.holds.delete(reservationId);
    addHeld(this.heldByCustomer, hold, -1);
  }

  /** Units of `sku` the customer holds (in force) in this partition. */
  heldBy(customerId: string, sku: string): number {
    return this.heldByCustomer.get(customerId)?.get(sku) ?? 0;
  }

  /** Units the customer holds (in force) over all of this partition's SKUs. */
  heldTotalBy(customerId: string): number {
    let total = 0;
    for (const units of this.heldByCustomer.get(customerId)?.values() ?? []) total += units;
    return total;
  }

  rememberHeader(header: HeaderRecord): void {
    this.headers.set(header.reservationId, header);
    this.headersByKey.set(header.idempotencyKey, header);
  }

  usageOf(sku: string, customerId: string): number {
    return this.usage.get(sku)?.get(customerId) ?? 0;
  }

  setUsage(sku: string, customerId: string, units: number): void {
    let perCustomer = this.usage.get(sku);
    if (!perCustomer) this.usage.set(sku, (perCustomer = new Map()));
    if (units === 0) perCustomer.delete(customerId);
    else perCustomer.set(customerId, units);
  }

  takenOf(sku: string): number {
    return this.taken.get(sku) ?? 0;
  }

  setTaken(sku: string, units: number): void {
    if (units === 0) this.taken.delete(sku);
    else this.taken.set(sku, units);
  }

  /** A sale limit is gone (cancelled sale): nothing counts toward it any more. */
  dropLimit(sku: string): void {
    this.limits.delete(sku);
    this.usage.delete(sku);
    this.taken.delete(sku);
  }

  /**
   * Earliest expiry among the holds in force, or undefined when nothing is held. (A held
   * reservation always has a hold here: its first item's SKU is in its coordinating partition.)
   */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    for (const h of this.holds.values()) if (next === undefined || h.expiresAt < next) next = h.expiresAt;
    return next;
  }

  /** Knows a reservation of another partition only by its key (after a key conflict). */
  rememberKey(header: HeaderRecord): void {
    if (!this.headersByKey.has(header.idempotencyKey)) this.headersByKey.set(header.idempotencyKey, header);
  }

  /**
   * Forgets finished reservations created before `cutoff` (their keys stay unique in the
   * database, which answers replays older than the window).
   */
  forgetFinishedBefore(cutoff: number): number {
    let forgotten = 0;
    for (const [id, h] of this.headers) {
      if (h.status !== 'held' && h.createdAt < cutoff) {
        this.headers.delete(id);
        if (this.headersByKey.get(h.idempotencyKey) === h) this.headersByKey.delete(h.idempotencyKey);
        forgotten++;
      }
    }
    return forgotten;
  }
}

/** Adds (sign 1) or removes (sign -1) a hold's units in a customer → sku → units index. */
export function addHeld(index: Map<string, Map<string, number>>, hold: HoldRecord, sign: 1 | -1): void {
  if (hold.customerId === null) return;
  let perSku = index.get(hold.customerId);
  if (!perSku) index.set(hold.customerId, (perSku = new Map()));
  for (const item of hold.items) {
    const units = (perSku.get(item.sku) ?? 0) + sign * item.quantity;
    if (units === 0) perSku.delete(item.sku);
    else perSku.set(item.sku, units);
  }
  if (perSku.size === 0) index.delete(hold.customerId);
}

/** Every identity a sale limit counts a hold against: its customer, then its limit keys. */
export function limitIdentities(customerId: string | null, limitKeys: readonly string[] | undefined): string[] {
  return [...(customerId === null ? [] : [customerId]), ...(limitKeys ?? [])];
}
