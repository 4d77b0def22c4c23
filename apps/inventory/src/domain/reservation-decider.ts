import { FailureCode } from '@shop/contracts';
import {
  ReservationCommittedV1,
  ReservationExpiredV1,
  ReservationReleasedV1,
  ReservationReservedV1,
  SaleAllocationExhaustedV1,
  StockChangedV1,
  StockRestockedV1,
  StockSoldOutV1,
  type ReservationStatus,
} from '@shop/contracts';
import type { BatchDelta, DomainEvent, ItemWrite, LedgerEntry, RestockWrite } from './batch-delta.js';
import type {
  AdjustStockCommand,
  ClearSaleLimitCommand,
  Command,
  CommitCommand,
  HoldCommand,
  Outcome,
  ReleaseCommand,
  ReserveCommand,
  RestockCommand,
  ReplaceRefusal,
  SetSaleLimitCommand,
  SetStockCommand,
  StockLevelView,
} from './commands.js';
import {
  addHeld,
  availableOf,
  countsTowardLimit as limitCounts,
  limitAheadOrOpen,
  limitCovers,
  limitIdentities,
  unitsRemainingOf,
  type HoldBounds,
  type HeaderRecord,
  type HoldRecord,
  type ItemQuantity,
  type PartitionSnapshot,
  type SaleLimitRecord,
  type StockRecord,
} from './partition-snapshot.js';

export interface BatchDecision {
  outcomes: Outcome[];
  delta: BatchDelta;
}

/**
 * Decides a whole batch against the partition snapshot, in order, as if each command ran alone
 * after the previous ones: one command's reservation is visible to the next. Pure: the snapshot
 * is not touched; the returned delta is what to commit (then `applyDelta`).
 */
export function decideBatch(snapshot: PartitionSnapshot, commands: readonly Command[], now: number): BatchDecision {
  const draft = new Draft(snapshot, now);
  const outcomes = commands.map((command) => decideOne(draft, command));
  return { outcomes, delta: draft.toDelta() };
}

function decideOne(d: Draft, c: Command): Outcome {
  switch (c.kind) {
    case 'reserve':
      return reserve(d, c);
    case 'hold':
      return hold(d, c);
    case 'release':
      return release(d, c);
    case 'commit':
      return commit(d, c);
    case 'restock':
      return restock(d, c);
    case 'setStock':
      return setStock(d, c);
    case 'adjustStock':
      return adjustStock(d, c);
    case 'setSaleLimit':
      return setSaleLimit(d, c);
    case 'clearSaleLimit':
      return clearSaleLimit(d, c);
    case 'readSaleLimit':
      return readSaleLimit(d, c.sku);
    case 'refreshProductStatus':
      d.requestReload();
      return { kind: 'refreshing' };
    case 'expireDue':
      return expireDue(d);
  }
}

function reserve(d: Draft, c: ReserveCommand): Outcome {
  const existing = d.headerByKey(c.idempotencyKey);
  if (existing) {
    return existing.requestHash === c.requestHash
      ? { kind: 'reserved', header: existing, replay: true }
      : { kind: 'keyReused', reservationId: existing.reservationId };
  }
  const identities = limitIdentities(c.customerId, c.limitKeys);
  let replaced: { header: HeaderRecord; held: HoldRecord } | undefined;
  if (c.replaces !== undefined) {
    const found = replaceable(d, c.replaces, c.customerId);
    if ('refusal' in found) return found.refusal;
    replaced = found;
  }
  // A replaced hold's units are decided as free: the swap never needs them twice.
  const refusal = refusalFor(d, c.localItems, c.customerId, c.bounds, identities, c.expiresAt, replaced?.held);
  if (refusal) return refusal;
  // Announced before the swap: giving its units back and taking them again is no news.
  const quiet = replaced ? exhaustedSkus(d, replaced.held.items) : undefined;
  if (replaced) endReservation(d, replaced.header, replaced.held, 'released', c.reservationId);
  const header: HeaderRecord = {
    reservationId: c.reservationId,
    idempotencyKey: c.idempotencyKey,
    requestHash: c.requestHash,
    customerId: c.customerId,
    status: 'held',
    items: c.items,
    participants: c.participants,
    expiresAt: c.expiresAt,
    createdAt: d.now,
  };
  d.addHeader(header);
  d.event(ReservationReservedV1.type, header.reservationId, 1, {
    reservationId: header.reservationId,
    items: header.items,
    customerId: header.customerId,
    expiresAt: new Date(header.expiresAt).toISOString(),
  });
  takeItems(d, c.localItems, identities, c.expiresAt, quiet);
  if (c.localItems.length > 0) {
    d.addHold({ reservationId: c.reservationId, items: c.localItems, customerId: c.customerId, limitKeys: c.limitKeys ?? [], expiresAt: c.expiresAt, createdAt: d.now });
  }
  return { kind: 'reserved', header, replay: false };
}

function hold(d: Draft, c: HoldCommand): Outcome {
  // A retried internal call: the hold is already in force.
  if (d.hold(c.reservationId)) return { kind: 'held' };
  const identities = limitIdentities(c.customerId, c.limitKeys);
  const refusal = refusalFor(d, c.items, c.customerId, c.bounds, identities, c.expiresAt);
  if (refusal) return refusal;
  takeItems(d, c.items, identities, c.expiresAt);
  d.addHold({ reservationId: c.reservationId, items: c.items, customerId: c.customerId, limitKeys: c.limitKeys ?? [], expiresAt: c.expiresAt, createdAt: d.now });
  return { kind: 'held' };
}

function release(d: Draft, c: ReleaseCommand): Outcome {
  const header = d.header(c.reservationId);
  const held = d.hold(c.reservationId);
  // Someone else's reservation is as good as unknown to a customer: nothing changes, nothing leaks.
  if (c.onlyOwnedBy !== undefined && (!header || header.customerId !== c.onlyOwnedBy)) return { kind: 'unknownReservation' };
  if (header) {
    if (header.status !== 'held') return { kind: 'finished', status: header.status, participants: header.participants, changed: false };
    endReservation(d, header, held, c.reason);
    return { kind: 'finished', status: c.reason, participants: header.participants, changed: true };
  }
  if (held) {
    returnItems(d, held, c.reason);
    return { kind: 'finished', status: c.reason, participants: [], changed: true };
  }
  return { kind: 'unknownReservation' };
}

function commit(d: Draft, c: CommitCommand): Outcome {
  const header = d.header(c.reservationId);
  const held = d.hold(c.reservationId);
  if (header) {
    if (header.status === 'committed') return { kind: 'finished', status: 'committed', participants: header.participants, changed: false };
    // Past its expiry a hold is as good as gone, even if the sweep has not run yet.
    if (header.status !== 'held') return { kind: 'notHeld', status: header.status };
    if (header.expiresAt <= d.now) return { kind: 'notHeld', status: 'expired' };
    d.setHeaderStatus(header, 'committed');
    if (held) commitItems(d, held);
    d.event(ReservationCommittedV1.type, header.reservationId, 2, reservationPayload(header));
    return { kind: 'finished', status: 'committed', participants: header.participants, changed: true };
  }
  if (held) {
    // A participant follows its coordinator, which already decided.
    commitItems(d, held);
    return { kind: 'finished', status: 'committed', participants: [], changed: true };
  }
  return { kind: 'unknownReservation' };
}

/**
 * Sold units come back: committed → available, on hand unchanged, so on hand = available +
 * reserved + committed still holds. Once per key. A flash sale's allocation and its customers'
 * usage are summed from reservation items, which keep their status: restocked units go back to
 * ordinary stock, not to the sale (the sale sold them; a refund does not reopen it), so
 * `unitsRemaining = min(units − taken, available)` stays exact.
 */
function restock(d: Draft, c: RestockCommand): Outcome {
  const current = d.stock(c.sku);
  if (!current) return { kind: 'unknownSku' };
  if (d.restocked(c.key)) return { kind: 'restocked', level: levelOf(current), replay: true };
  if (current.committed < c.quantity) return { kind: 'notCommitted', level: levelOf(current) };
  const s = d.touch(c.sku);
  const availableBefore = availableOf(s);
  s.committed -= c.quantity;
  d.restock({ key: c.key, sku: c.sku, quantity: c.quantity, reason: c.reason, at: d.now });
  d.event(StockRestockedV1.type, c.sku, s.version, { ...levelOf(s), quantity: c.quantity, key: c.key, reason: c.reason, availableBefore });
  return { kind: 'restocked', level: levelOf(s), replay: false };
}

function setStock(d: Draft, c: SetStockCommand): Outcome {
  const current = d.stock(c.sku);
  if (!current) {
    const created = d.createStock(c.sku, c.onHand);
    d.ledger(c.sku, c.onHand, c.onHand, 'set', c.reason);
    d.event(StockChangedV1.type, c.sku, created.version, { ...levelOf(created), delta: c.onHand, kind: 'set', reason: c.reason });
    return { kind: 'stock', level: levelOf(created) };
  }
  if (c.onHand < current.reserved + current.committed) return { kind: 'belowCommitments', level: levelOf(current) };
  if (c.onHand === current.onHand) return { kind: 'stock', level: levelOf(current) };
  return changeOnHand(d, c.sku, c.onHand - current.onHand, 'set', c.reason);
}

function adjustStock(d: Draft, c: AdjustStockCommand): Outcome {
  const current = d.stock(c.sku);
  if (!current) return { kind: 'unknownSku' };
  if (current.onHand + c.delta < current.reserved + current.committed) return { kind: 'belowCommitments', level: levelOf(current) };
  return changeOnHand(d, c.sku, c.delta, 'adjust', c.reason);
}

function changeOnHand(d: Draft, sku: string, delta: number, kind: 'set' | 'adjust', reason: string | null): Outcome {
  const s = d.touch(sku);
  const before = availableOf(s);
  s.onHand += delta;
  d.ledger(sku, delta, s.onHand, kind, reason);
  d.event(StockChangedV1.type, sku, s.version, { ...levelOf(s), delta, kind, reason });
  if (before > 0 && availableOf(s) === 0) d.event(StockSoldOutV1.type, sku, s.version, levelOf(s));
  return { kind: 'stock', level: levelOf(s) };
}

/**
 * Sets a SKU's sale limit. It counts units from its window's start; set without one, from now —
 * or, when it changes a limit without a start whose window is still open (the same sale edited),
 * from when that one began counting, so what was taken stays taken.
 */
function setSaleLimit(d: Draft, c: SetSaleLimitCommand): Outcome {
  if (!d.stock(c.sku)) return { kind: 'unknownSku' };
  const current = d.limit(c.sku);
  const sameSale = current !== undefined && current.startsAt === null && limitAheadOrOpen(current, d.now);
  const countsFrom = c.startsAt ?? (sameSale ? current.countsFrom : d.now);
  d.setLimit({ sku: c.sku, perCustomer: c.perCustomer, units: c.units, startsAt: c.startsAt, endsAt: c.endsAt, countsFrom });
  return { kind: 'saleLimitSet', sku: c.sku };
}

function clearSaleLimit(d: Draft, c: ClearSaleLimitCommand): Outcome {
  if (!d.limit(c.sku)) return { kind: 'noSaleLimit', sku: c.sku };
  d.clearLimit(c.sku);
  return { kind: 'saleLimitCleared', sku: c.sku };
}

/** The limit with the actor's own figures of its allocation. */
function readSaleLimit(d: Draft, sku: string): Outcome {
  const limit = d.limit(sku);
  const stock = d.stock(sku);
  if (!limit || !stock) return { kind: 'noSaleLimit', sku };
  const unitsTaken = d.taken(sku);
  return {
    kind: 'saleLimit',
    view: {
      sku,
      perCustomer: limit.perCustomer,
      units: limit.units,
      unitsTaken,
      unitsRemaining: unitsRemainingOf(limit, unitsTaken, availableOf(stock)),
      startsAt: limit.startsAt,
      endsAt: limit.endsAt,
    },
  };
}

function expireDue(d: Draft): Outcome {
  const reservations: { reservationId: string; participants: readonly number[] }[] = [];
  let holds = 0;
  for (const held of d.holdsInForce()) {
    if (held.expiresAt > d.now) continue;
    const header = d.header(held.reservationId);
    if (header && header.status === 'held') {
      endReservation(d, header, held, 'expired');
      reservations.push({ reservationId: header.reservationId, participants: header.participants });
    } else {
      returnItems(d, held, 'expired');
    }
    holds++;
  }
  return { kind: 'expired', reservations, holds };
}

/**
 * The reservation `replaces` names, when this one may take its place: held (and not past its
 * expiry), the same customer's, and wholly in this partition (no participants, its hold here).
 */
function replaceable(d: Draft, id: string, customerId: string | null): { header: HeaderRecord; held: HoldRecord } | { refusal: Outcome } {
  const refuse = (reason: ReplaceRefusal, status?: HeaderRecord['status']): { refusal: Outcome } => ({
    refusal: { kind: 'cannotReplace', reservationId: id, reason, ...(status === undefined ? {} : { status }) },
  });
  const header = d.header(id);
  if (!header) return refuse('unknown');
  if (header.customerId !== customerId) return refuse('other_customer');
  if (header.status !== 'held') return refuse('not_held', header.status);
  if (header.expiresAt <= d.now) return refuse('not_held', 'expired');
  const held = d.hold(id);
  if (header.participants.length > 0 || !held) return refuse('other_partition');
  return { header, held };
}

/** What the decisions below count, seen as if a replaced hold were released (undefined: as they are). */
type Counts = Pick<Draft, 'available' | 'usage' | 'taken' | 'heldBy' | 'heldTotalBy'>;

function countsWithout(d: Draft, freed: HoldRecord | undefined): Counts {
  if (!freed) return d;
  const units = (sku: string): number => freed.items.find((i) => i.sku === sku)?.quantity ?? 0;
  const counted = (sku: string): number => (countsTowardLimit(d, sku, freed.createdAt, freed.expiresAt) ? units(sku) : 0);
  const identities = limitIdentities(freed.customerId, freed.limitKeys);
  const mine = (customerId: string): boolean => freed.customerId === customerId;
  return {
    available: (sku) => d.available(sku) + units(sku),
    usage: (sku, who) => d.usage(sku, who) - (identities.includes(who) ? counted(sku) : 0),
    taken: (sku) => d.taken(sku) - counted(sku),
    heldBy: (customerId, sku) => d.heldBy(customerId, sku) - (mine(customerId) ? units(sku) : 0),
    heldTotalBy: (customerId) => d.heldTotalBy(customerId) - (mine(customerId) ? freed.items.reduce((n, i) => n + i.quantity, 0) : 0),
  };
}

/**
 * The SKUs a reservation cannot have: unknown, over a customer's hold bounds or sale limit, over
 * a flash sale's allocation, or short. `freed`: a hold this reservation replaces, counted as released.
 */
function refusalFor(
  d: Draft,
  items: readonly ItemQuantity[],
  customerId: string | null,
  bounds: HoldBounds | null,
  identities: readonly string[],
  expiresAt: number,
  freed?: HoldRecord,
): Outcome | undefined {
  const counts = countsWithout(d, freed);
  const unknown = items.filter((i) => !d.stock(i.sku)).map((i) => i.sku);
  if (unknown.length > 0) return { kind: 'refused', code: FailureCode.UNKNOWN_SKU, skus: unknown };
  // Draft and archived products cannot be held, by anyone (trusted services included).
  const unavailable = items.filter((i) => d.unpurchasable(i.sku)).map((i) => i.sku);
  if (unavailable.length > 0) return { kind: 'refused', code: FailureCode.SKU_UNAVAILABLE, skus: unavailable };
  if (bounds !== null) {
    const overBounds = overHoldBounds(d, counts, items, customerId, bounds);
    if (overBounds.length > 0) return { kind: 'refused', code: FailureCode.LIMIT_EXCEEDED, skus: overBounds };
  }
  const overLimit = items
    .filter((i) => {
      const limit = d.limit(i.sku);
      if (!limit || !limitCovers(limit, d.now)) return false;
      // A sale limit is per customer (and per address and card when checkout names them): an
      // anonymous request cannot prove it is under it.
      return customerId === null || identities.some((who) => counts.usage(i.sku, who) + i.quantity > limit.perCustomer);
    })
    .map((i) => i.sku);
  if (overLimit.length > 0) return { kind: 'refused', code: FailureCode.LIMIT_EXCEEDED, skus: overLimit };
  // A flash sale's allocation: whatever counts toward the limit (from before the window too) is capped.
  const overAllocation = items
    .filter((i) => {
      const limit = d.limit(i.sku);
      return limit !== undefined && limit.units !== null && limitCounts(limit, d.now, expiresAt) && counts.taken(i.sku) + i.quantity > limit.units;
    })
    .map((i) => i.sku);
  if (overAllocation.length > 0) return { kind: 'refused', code: FailureCode.OUT_OF_STOCK, skus: overAllocation, saleAllocation: true };
  const short = items.filter((i) => counts.available(i.sku) < i.quantity).map((i) => i.sku);
  if (short.length > 0) return { kind: 'refused', code: FailureCode.OUT_OF_STOCK, skus: short };
  return undefined;
}

/**
 * A customer's outstanding holds: per SKU at most its sale limit's `perCustomer` (until the window
 * closes, so also before it opens) or else `perSkuUnits`; over the partition at most
 * `partitionUnits`. A customer without an id cannot be bounded, so is refused.
 */
function overHoldBounds(d: Draft, counts: Counts, items: readonly ItemQuantity[], customerId: string | null, bounds: HoldBounds): string[] {
  if (customerId === null) return items.map((i) => i.sku);
  const perSku = items
    .filter((i) => {
      const limit = d.limit(i.sku);
      const bound = limit && limitAheadOrOpen(limit, d.now) ? limit.perCustomer : bounds.perSkuUnits;
      return counts.heldBy(customerId, i.sku) + i.quantity > bound;
    })
    .map((i) => i.sku);
  if (perSku.length > 0) return perSku;
  const asked = items.reduce((sum, i) => sum + i.quantity, 0);
  return counts.heldTotalBy(customerId) + asked > bounds.partitionUnits ? items.map((i) => i.sku) : [];
}

/** SKUs among `items` already sold out or with their sale allocation used up (their news is out). */
function exhaustedSkus(d: Draft, items: readonly ItemQuantity[]): Set<string> {
  const out = new Set<string>();
  for (const { sku } of items) {
    const limit = d.limit(sku);
    if (d.available(sku) === 0 || (limit && limit.units !== null && d.taken(sku) >= limit.units)) out.add(sku);
  }
  return out;
}

/** Holds items until `expiresAt`: stock reserved, counted toward a sale limit; `quiet`: SKUs whose running out is no news. */
function takeItems(d: Draft, items: readonly ItemQuantity[], identities: readonly string[], expiresAt: number, quiet?: ReadonlySet<string>): void {
  for (const item of items) {
    const s = d.touch(item.sku);
    const before = availableOf(s);
    s.reserved += item.quantity;
    const news = !quiet?.has(item.sku);
    if (news && before > 0 && availableOf(s) === 0) d.event(StockSoldOutV1.type, item.sku, s.version, levelOf(s));
    const limit = d.limit(item.sku);
    if (!limit || !limitCounts(limit, d.now, expiresAt)) continue;
    for (const who of identities) d.addUsage(item.sku, who, item.quantity);
    const taken = d.taken(item.sku);
    d.addTaken(item.sku, item.quantity);
    if (news && limit.units !== null && taken < limit.units && taken + item.quantity >= limit.units) {
      d.event(SaleAllocationExhaustedV1.type, item.sku, s.version, {
        sku: item.sku,
        units: limit.units,
        unitsTaken: taken + item.quantity,
        startsAt: limit.startsAt === null ? null : new Date(limit.startsAt).toISOString(),
        endsAt: limit.endsAt === null ? null : new Date(limit.endsAt).toISOString(),
      });
    }
  }
}

function returnItems(d: Draft, held: HoldRecord, status: 'released' | 'expired'): void {
  for (const item of held.items) {
    d.touch(item.sku).reserved -= item.quantity;
    if (!countsTowardLimit(d, item.sku, held.createdAt, held.expiresAt)) continue;
    for (const who of limitIdentities(held.customerId, held.limitKeys)) d.addUsage(item.sku, who, -item.quantity);
    d.addTaken(item.sku, -item.quantity);
  }
  d.endHold(held.reservationId, status);
}

function commitItems(d: Draft, held: HoldRecord): void {
  for (const item of held.items) {
    const s = d.touch(item.sku);
    s.reserved -= item.quantity;
    s.committed += item.quantity;
  }
  d.endHold(held.reservationId, 'committed');
}

/** `replacedBy`: the reservation taking its place (a hold swap). */
function endReservation(d: Draft, header: HeaderRecord, held: HoldRecord | undefined, status: 'released' | 'expired', replacedBy?: string): void {
  d.setHeaderStatus(header, status);
  if (held) returnItems(d, held, status);
  const payload = replacedBy === undefined ? reservationPayload(header) : { ...reservationPayload(header), replacedBy };
  d.event(status === 'released' ? ReservationReleasedV1.type : ReservationExpiredV1.type, header.reservationId, 2, payload);
}

/** Units count toward a sale limit (customer usage, the allocation) by their times (see `countsTowardLimit`). */
function countsTowardLimit(d: Draft, sku: string, madeAt: number, expiresAt: number): boolean {
  const limit = d.limit(sku);
  return limit !== undefined && limitCounts(limit, madeAt, expiresAt);
}

function reservationPayload(h: HeaderRecord) {
  return { reservationId: h.reservationId, items: h.items, customerId: h.customerId };
}

export function levelOf(s: StockRecord): StockLevelView {
  return { sku: s.sku, onHand: s.onHand, reserved: s.reserved, committed: s.committed, available: availableOf(s) };
}

/**
 * The batch's view of the partition: the snapshot plus this batch's changes so far (copy on
 * write), and the record of those changes.
 */
class Draft {
  private readonly stockAfter = new Map<string, StockRecord>();
  /** Version the row had before the batch; undefined for a row the batch creates. */
  private readonly stockExpected = new Map<string, number | undefined>();
  private readonly holdsAdded = new Map<string, HoldRecord>();
  private readonly holdsEnded = new Map<string, ReservationStatus>();
  /** customer → sku → units held, changed by this batch (added minus ended). */
  private readonly heldChange = new Map<string, Map<string, number>>();
  private readonly headersNew = new Map<string, HeaderRecord>();
  private readonly headersChanged = new Map<string, HeaderRecord>();
  private readonly keysNew = new Map<string, string>();
  private readonly usageAfter = new Map<string, Map<string, number>>();
  private readonly takenAfter = new Map<string, number>();
  private readonly limitsNew = new Map<string, SaleLimitRecord>();
  private readonly limitsGone = new Set<string>();
  private readonly ledgerEntries: LedgerEntry[] = [];
  private readonly restocks: RestockWrite[] = [];
  private reload = false;
  private readonly events: DomainEvent[] = [];

  constructor(
    private readonly snap: PartitionSnapshot,
    readonly now: number,
  ) {}

  stock(sku: string): StockRecord | undefined {
    return this.stockAfter.get(sku) ?? this.snap.stock.get(sku);
  }

  /** Available units of a known SKU. */
  available(sku: string): number {
    return availableOf(this.stock(sku)!);
  }

  /** The SKU's record for changing in this batch (its version bumped once per batch). */
  touch(sku: string): StockRecord {
    const touched = this.stockAfter.get(sku);
    if (touched) return touched;
    const base = this.snap.stock.get(sku);
    if (!base) throw new Error(`unknown SKU ${sku} in partition ${this.snap.partition}`);
    const copy = { ...base, version: base.version + 1 };
    this.stockAfter.set(sku, copy);
    this.stockExpected.set(sku, base.version);
    return copy;
  }

  createStock(sku: string, onHand: number): StockRecord {
    const created = { sku, onHand, reserved: 0, committed: 0, version: 1 };
    this.stockAfter.set(sku, created);
    this.stockExpected.set(sku, undefined);
    return created;
  }

  hold(id: string): HoldRecord | undefined {
    if (this.holdsEnded.has(id)) return undefined;
    return this.holdsAdded.get(id) ?? this.snap.holds.get(id);
  }

  *holdsInForce(): Iterable<HoldRecord> {
    for (const [id, h] of this.snap.holds) if (!this.holdsEnded.has(id)) yield h;
    for (const [id, h] of this.holdsAdded) if (!this.holdsEnded.has(id)) yield h;
  }

  addHold(h: HoldRecord): void {
    this.holdsAdded.set(h.reservationId, h);
    addHeld(this.heldChange, h, 1);
  }

  endHold(id: string, status: ReservationStatus): void {
    const ending = this.hold(id);
    if (ending) addHeld(this.heldChange, ending, -1);
    this.holdsEnded.set(id, status);
  }

  heldBy(customerId: string, sku: string): number {
    return this.snap.heldBy(customerId, sku) + (this.heldChange.get(customerId)?.get(sku) ?? 0);
  }

  heldTotalBy(customerId: string): number {
    let change = 0;
    for (const units of this.heldChange.get(customerId)?.values() ?? []) change += units;
    return this.snap.heldTotalBy(customerId) + change;
  }

  header(id: string): HeaderRecord | undefined {
    return this.headersNew.get(id) ?? this.headersChanged.get(id) ?? this.snap.headers.get(id);
  }

  headerByKey(key: string): HeaderRecord | undefined {
    const id = this.keysNew.get(key);
    if (id !== undefined) return this.header(id);
    const known = this.snap.headersByKey.get(key);
    // A key of another partition's reservation is known by key only.
    return known && (this.header(known.reservationId) ?? known);
  }

  addHeader(h: HeaderRecord): void {
    this.headersNew.set(h.reservationId, h);
    this.keysNew.set(h.idempotencyKey, h.reservationId);
  }

  setHeaderStatus(h: HeaderRecord, status: ReservationStatus): void {
    const next = { ...h, status };
    if (this.headersNew.has(h.reservationId)) this.headersNew.set(h.reservationId, next);
    else this.headersChanged.set(h.reservationId, next);
  }

  unpurchasable(sku: string): boolean {
    return this.snap.unpurchasable.has(sku);
  }

  requestReload(): void {
    this.reload = true;
  }

  limit(sku: string): SaleLimitRecord | undefined {
    if (this.limitsGone.has(sku)) return undefined;
    return this.limitsNew.get(sku) ?? this.snap.limits.get(sku);
  }

  setLimit(limit: SaleLimitRecord): void {
    this.limitsGone.delete(limit.sku);
    this.limitsNew.set(limit.sku, limit);
  }

  clearLimit(sku: string): void {
    this.limitsNew.delete(sku);
    this.limitsGone.add(sku);
  }

  usage(sku: string, customerId: string): number {
    return this.usageAfter.get(sku)?.get(customerId) ?? this.snap.usageOf(sku, customerId);
  }

  taken(sku: string): number {
    return this.takenAfter.get(sku) ?? this.snap.takenOf(sku);
  }

  addTaken(sku: string, units: number): void {
    this.takenAfter.set(sku, Math.max(0, this.taken(sku) + units));
  }

  addUsage(sku: string, customerId: string, units: number): void {
    let perCustomer = this.usageAfter.get(sku);
    if (!perCustomer) this.usageAfter.set(sku, (perCustomer = new Map()));
    perCustomer.set(customerId, Math.max(0, this.usage(sku, customerId) + units));
  }

  ledger(sku: string, delta: number, onHandAfter: number, kind: 'set' | 'adjust', reason: string | null): void {
    this.ledgerEntries.push({ sku, delta, onHandAfter, kind, reason, at: this.now });
  }

  restocked(key: string): boolean {
    return this.snap.restockKeys.has(key) || this.restocks.some((r) => r.key === key);
  }

  restock(write: RestockWrite): void {
    this.restocks.push(write);
  }

  event(type: string, aggregateId: string, version: number, payload: unknown): void {
    this.events.push({ type, aggregateId, version, payload, occurredAt: this.now });
  }

  toDelta(): BatchDelta {
    const itemInserts: ItemWrite[] = [];
    for (const h of this.holdsAdded.values()) {
      const status = this.holdsEnded.get(h.reservationId) ?? 'held';
      for (const item of h.items) {
        itemInserts.push({
          reservationId: h.reservationId,
          sku: item.sku,
          quantity: item.quantity,
          customerId: h.customerId,
          limitKeys: h.limitKeys ?? [],
          status,
          expiresAt: h.expiresAt,
          createdAt: h.createdAt,
        });
      }
    }
    const holdTransitions: BatchDelta['holdTransitions'] = [];
    const holdsRemoved: string[] = [];
    for (const [id, status] of this.holdsEnded) {
      if (this.holdsAdded.has(id)) continue;
      holdTransitions.push({ reservationId: id, status, items: this.snap.holds.get(id)?.items.length ?? 0 });
      holdsRemoved.push(id);
    }
    const usage: BatchDelta['usage'] = [];
    for (const [sku, perCustomer] of this.usageAfter) for (const [customerId, units] of perCustomer) usage.push({ sku, customerId, units });
    const taken = [...this.takenAfter].map(([sku, units]) => ({ sku, units }));
    return {
      stock: [...this.stockAfter.values()].map((s) => ({ ...s, expectedVersion: this.stockExpected.get(s.sku) })),
      headerInserts: [...this.headersNew.values()],
      headerTransitions: [...this.headersChanged.values()].map((h) => ({ reservationId: h.reservationId, status: h.status })),
      itemInserts,
      holdTransitions,
      ledger: this.ledgerEntries,
      restocks: this.restocks,
      limits: [...this.limitsNew.values()],
      limitsRemoved: [...this.limitsGone],
      events: this.events,
      holdsAdded: [...this.holdsAdded.values()].filter((h) => !this.holdsEnded.has(h.reservationId)),
      holdsRemoved,
      usage,
      taken,
      headers: [...this.headersNew.values(), ...this.headersChanged.values()],
      reloadAfterCommit: this.reload || this.limitsNew.size > 0,
    };
  }
}

/** Makes a committed batch's delta part of the snapshot. */
export function applyDelta(snapshot: PartitionSnapshot, delta: BatchDelta): void {
  for (const s of delta.stock) snapshot.stock.set(s.sku, { sku: s.sku, onHand: s.onHand, reserved: s.reserved, committed: s.committed, version: s.version });
  for (const id of delta.holdsRemoved) snapshot.dropHold(id);
  for (const h of delta.holdsAdded) snapshot.putHold(h);
  for (const h of delta.headers) snapshot.rememberHeader(h);
  for (const u of delta.usage) snapshot.setUsage(u.sku, u.customerId, u.units);
  for (const t of delta.taken) snapshot.setTaken(t.sku, t.units);
  for (const l of delta.limits) snapshot.limits.set(l.sku, l);
  for (const r of delta.restocks) snapshot.restockKeys.add(r.key);
  // A cleared limit takes its counts along (they are recomputed if a limit comes back).
  for (const sku of delta.limitsRemoved) snapshot.dropLimit(sku);
}
