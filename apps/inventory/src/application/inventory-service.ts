import type {
  AdjustStockBody,
  AdminStockListQuery,
  AdminStockPage,
  Clock,
  CreateReservationBody,
  InternalStockList,
  PublicStockLevel,
  Reservation,
  ReservationDetail,
  ReservationOutcome,
  ReservationView,
  SaleLimit,
  SaleLimitBody,
  SetStockBody,
  StockLevel,
} from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { inventoryRoutingKey, mintReservationId, reservationPartition, reservationRoutingSku } from '@shop/partitioning';
import { PartitionUnavailableError } from '../actor/actor-errors.js';
import type { Command, HoldCommand, Outcome, ReserveCommand } from '../domain/commands.js';
import { availableOf, type HoldBounds, type ItemQuantity } from '../domain/partition-snapshot.js';
import { availableRangeOf, publicStockOf } from '../domain/public-stock.js';
import { levelOf } from '../domain/reservation-decider.js';
import type { PartitionStore } from '../adapters/partition-store.js';
import { ADMIN_PREFIX, AdminRoutes, INTERNAL_PREFIX, InternalRoutes, pathOf, PUBLIC_PREFIX, PublicRoutes, type HoldAction } from '../inventory-routes.js';
import type { CallContext } from './caller.js';
import { failed, failures, ok, type Answer } from './failures.js';
import type { ExpiredCounts } from './inventory-peers.js';
import { clearSaleLimitCall, finishHoldCall, holdCall, readSaleLimitCall, refreshProductStatusCall, reserveCall, restockCall, setSaleLimitCall, stockCall, unexpected } from './partition-calls.js';
import type { PartitionCall, PartitionDispatcher } from './partition-dispatcher.js';
import type { ReservationCoordinator } from './reservation-coordinator.js';
import { requestHash } from './request-hash.js';

export interface InventoryServiceOptions {
  dispatcher: PartitionDispatcher;
  coordinator: ReservationCoordinator;
  store: PartitionStore;
  clock: Clock;
  defaultTtlSeconds: number;
  /** A customer's hold lives at most this long, whatever the body asks (trusted services are not capped). */
  customerHoldTtlSeconds: number;
  /** What a customer may hold at once (trusted services are not bounded). */
  customerHoldBounds: HoldBounds;
  /** At or below this many available units the public sees "low" and the count; above, only "in stock". */
  lowStockThreshold: number;
  logger: Logger;
  /** A reservation request was refused with this failure code (sold out, over a limit, shed): the metrics count it. */
  onRefused?: (code: string) => void;
}

/** The failure code of a refused answer, the partition owner's relayed one included. */
function refusalCodeOf(answer: Answer<unknown>): string | undefined {
  if (answer.ok === false) return answer.failure.code;
  if (answer.ok === 'relayed' && answer.status >= 400) {
    const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

const RESERVATIONS_PATH = pathOf(PUBLIC_PREFIX, PublicRoutes.reservations);

/**
 * The inventory use cases. Each request concerns one partition (a SKU's, or the one named in a
 * reservation id: `inventoryRoutingKey`, the gateway's rule) and runs there through the
 * `PartitionDispatcher`: here when this instance owns it, else forwarded once to the owner. A
 * reservation whose items span partitions is the `ReservationCoordinator`'s: all or nothing.
 */
export class InventoryService {
  private readonly inflight = new Map<string, Promise<Answer<Reservation>>>();

  constructor(private readonly o: InventoryServiceOptions) {}

  async reserve(requested: CreateReservationBody, key: string, forwarded: boolean, ctx: CallContext): Promise<Answer<Reservation>> {
    const answer = await this.decideReservation(requested, key, forwarded, ctx);
    // Counted where the request arrived, not again by the partition owner it was forwarded to.
    const refused = forwarded ? undefined : refusalCodeOf(answer);
    if (refused !== undefined) this.o.onRefused?.(refused);
    return answer;
  }

  private async decideReservation(requested: CreateReservationBody, key: string, forwarded: boolean, ctx: CallContext): Promise<Answer<Reservation>> {
    const { dispatcher, clock } = this.o;
    const { caller } = ctx;
    // Turning a hold into another reservation is the checkout's (a trusted service), never a shopper's.
    if (requested.replaces !== undefined && caller.kind !== 'service') return failed(failures.replaceForbidden());
    // The body is validated (at least one item), so it always has the SKU the request routes by.
    const coordinator = dispatcher.partitionOf(reservationRoutingSku(requested)!);
    // The replaced reservation is decided with this one, by its partition: one of its SKUs must come first.
    if (requested.replaces !== undefined && reservationPartition(requested.replaces, dispatcher.partitions) !== coordinator) {
      return failed(failures.cannotReplace(requested.replaces, 'other_partition'));
    }
    const actor = dispatcher.localActor(coordinator);
    if (!actor) {
      const relay = { method: 'POST', path: RESERVATIONS_PATH, body: requested, headers: { ...ctx.forwardHeaders, 'idempotency-key': key } };
      return dispatcher.forward(coordinator, relay, forwarded);
    }
    // A customer (or an admin shopping) holds for themselves, whatever the body says, briefly and bounded.
    const shopper = caller.kind === 'customer' ? caller.customerId : caller.kind === 'admin' ? caller.userId : null;
    const body = shopper === null ? requested : { ...requested, customerId: shopper };
    const ttlSeconds = shopper === null ? (body.ttlSeconds ?? this.o.defaultTtlSeconds) : Math.min(body.ttlSeconds ?? this.o.defaultTtlSeconds, this.o.customerHoldTtlSeconds);
    const byPartition = new Map<number, ItemQuantity[]>();
    for (const item of body.items) {
      const p = dispatcher.partitionOf(item.sku);
      const list = byPartition.get(p);
      if (list) list.push(item);
      else byPartition.set(p, [item]);
    }
    const command: ReserveCommand = {
      kind: 'reserve',
      reservationId: mintReservationId(coordinator),
      idempotencyKey: key,
      requestHash: requestHash(body),
      customerId: body.customerId ?? null,
      items: body.items,
      localItems: byPartition.get(coordinator)!,
      participants: [],
      expiresAt: clock.now().getTime() + ttlSeconds * 1000,
      bounds: shopper === null ? null : this.o.customerHoldBounds,
      // Only a trusted service (checkout) names the address and card a sale limit also counts.
      limitKeys: shopper === null ? (body.limitKeys ?? []) : [],
      ...(body.replaces === undefined ? {} : { replaces: body.replaces }),
    };
    if (byPartition.size === 1 || actor.view?.headersByKey.has(key)) {
      return dispatcher.run(actor, reserveCall(command));
    }
    // Concurrent retries of one multi-partition reservation: the first does the work, the others replay it.
    const running = this.inflight.get(key);
    if (running) {
      await running.catch(() => undefined);
      return this.decideReservation(requested, key, forwarded, ctx);
    }
    const run = this.o.coordinator.reserve(actor, command, byPartition);
    this.inflight.set(key, run);
    try {
      return await run;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** Only its owner, an admin or a trusted service releases a reservation; anyone else is answered 404. */
  async release(reservationId: string, forwarded: boolean, ctx: CallContext): Promise<Answer<ReservationOutcome>> {
    const relay = { method: 'DELETE', path: pathOf(PUBLIC_PREFIX, PublicRoutes.reservation, { id: reservationId }), headers: ctx.forwardHeaders };
    return this.finish(reservationId, 'release', relay, forwarded, ctx);
  }

  async commit(reservationId: string, forwarded: boolean, ctx: CallContext): Promise<Answer<ReservationOutcome>> {
    const relay = { method: 'POST', path: pathOf(INTERNAL_PREFIX, InternalRoutes.commit, { id: reservationId }), headers: ctx.forwardHeaders };
    return this.finish(reservationId, 'commit', relay, forwarded, ctx);
  }

  private async finish(
    reservationId: string,
    action: 'release' | 'commit',
    relay: { method: string; path: string; headers: Record<string, string> },
    forwarded: boolean,
    ctx: CallContext,
  ): Promise<Answer<ReservationOutcome>> {
    const key = inventoryRoutingKey(relay, this.o.dispatcher.partitions);
    if (key.by !== 'reservation') return failed(failures.unknownReservation(reservationId));
    const { partition } = key;
    const onlyOwnedBy = ctx.caller.kind === 'customer' ? ctx.caller.customerId : undefined;
    const call: PartitionCall<ReservationOutcome> = {
      command: action === 'release' ? { kind: 'release', reservationId, reason: 'released', onlyOwnedBy } : { kind: 'commit', reservationId },
      answer: (outcome) => this.finishAnswer(partition, reservationId, action, onlyOwnedBy, outcome),
      remote: { relay },
    };
    return this.o.dispatcher.dispatch(partition, call, forwarded);
  }

  private async finishAnswer(
    partition: number,
    reservationId: string,
    action: 'release' | 'commit',
    onlyOwnedBy: string | undefined,
    outcome: Outcome,
  ): Promise<Answer<ReservationOutcome>> {
    switch (outcome.kind) {
      case 'finished': {
        if (action === 'release' && outcome.status === 'committed') return failed(failures.notHeld(reservationId, 'committed'));
        // Participants follow the coordinator's decision; a failure is answered 503 and the caller retries (idempotent).
        const follow: HoldAction = action === 'commit' || outcome.status === 'committed' ? 'commit' : outcome.status === 'expired' ? 'expire' : 'release';
        if (!(await this.o.coordinator.follow(outcome.participants, reservationId, follow))) {
          return failed(failures.partitionUnavailable(partition, 'some items could not be updated yet; retry'));
        }
        return ok({ reservationId, status: outcome.status });
      }
      case 'notHeld':
        return failed(failures.notHeld(reservationId, outcome.status));
      case 'unknownReservation': {
        // Older than the partition's memory window: the database knows how it ended.
        const stored = await this.o.store.reservation(reservationId);
        if (!stored || (onlyOwnedBy !== undefined && stored.customerId !== onlyOwnedBy)) return failed(failures.unknownReservation(reservationId));
        if (action === 'release' && stored.status === 'committed') return failed(failures.notHeld(reservationId, 'committed'));
        if (action === 'commit' && stored.status !== 'committed') return failed(failures.notHeld(reservationId, stored.status));
        return ok({ reservationId, status: stored.status });
      }
      default:
        return unexpected(outcome);
    }
  }

  /**
   * A reservation as its coordinating partition records it (checkout reads a shopper's hold before
   * replacing it): from the partition's memory when served here, else from the database. A hold
   * past its expiry is answered `expired` (it cannot be committed or replaced any more).
   */
  async reservationDetail(reservationId: string): Promise<Answer<ReservationDetail>> {
    const partition = reservationPartition(reservationId, this.o.dispatcher.partitions);
    const known = partition === undefined ? undefined : this.o.dispatcher.localActor(partition)?.view?.headers.get(reservationId);
    const record = known ?? (await this.o.store.reservation(reservationId));
    if (!record) return failed(failures.unknownReservation(reservationId));
    const lapsed = record.status === 'held' && record.expiresAt <= this.o.clock.now().getTime();
    return ok({
      reservationId: record.reservationId,
      customerId: record.customerId,
      status: lapsed ? 'expired' : record.status,
      items: record.items as ReservationDetail['items'],
      expiresAt: new Date(record.expiresAt).toISOString(),
    });
  }

  /**
   * A reservation as its owner sees it (public): the same rule as release — a customer sees only
   * their own (anyone else's answers 404, as an unknown id, so ids cannot be probed); an admin or a
   * trusted service sees any. Who holds it is not answered.
   */
  async reservationView(reservationId: string, ctx: CallContext): Promise<Answer<ReservationView>> {
    const answer = await this.reservationDetail(reservationId);
    if (answer.ok !== true) return answer;
    const { customerId, ...view } = answer.value;
    if (ctx.caller.kind === 'customer' && customerId !== ctx.caller.customerId) return failed(failures.unknownReservation(reservationId));
    return ok(view);
  }

  /** The shopper's view (public): a level, and the count only when low. */
  async publicStock(sku: string): Promise<Answer<PublicStockLevel>> {
    const answer = await this.stockLevel(sku);
    return answer.ok === true ? ok(publicStockOf(sku, answer.value.available, this.o.lowStockThreshold)) : answer;
  }

  /** The full figures (admin): on hand, reserved, committed, available. */
  async stockLevel(sku: string): Promise<Answer<StockLevel>> {
    const view = this.o.dispatcher.localActor(this.o.dispatcher.partitionOf(sku))?.view;
    if (view) {
      // The snapshot is the committed state: no read needed.
      const record = view.stock.get(sku);
      return record ? ok(levelOf(record)) : failed(failures.unknownSku(sku));
    }
    const row = await this.o.store.stockLevel(sku);
    return row ? ok({ ...row, available: availableOf(row) }) : failed(failures.unknownSku(sku));
  }

  /**
   * Available stock of many SKUs at once, with their stock versions (search's reindex): read from
   * the committed rows, whichever partitions own them, so it may trail a batch in flight; the
   * stock events that follow carry newer versions.
   */
  async stockList(skus: readonly string[]): Promise<InternalStockList> {
    const rows = await this.o.store.stockLevels(skus);
    return { items: rows.map((r) => ({ sku: r.sku, available: availableOf(r), version: r.version })) };
  }

  /**
   * The console's stock list: every SKU's figures as committed, a page at a time, whichever
   * partitions own them. Read from the database like `stockList` (an owning actor's snapshot is
   * that committed state too, so it agrees with the single-SKU read but for a batch in flight).
   */
  async stockPage(query: AdminStockListQuery): Promise<AdminStockPage> {
    const threshold = this.o.lowStockThreshold;
    const available = query.availability === undefined ? { min: null, max: null } : availableRangeOf(query.availability, threshold);
    const filter = query.q === undefined ? { available } : { contains: query.q, available };
    const { rows, total } = await this.o.store.stockPage(filter, query.cursor, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => {
        const inStock = availableOf(r);
        const level = publicStockOf(r.sku, inStock, threshold).level;
        return { sku: r.sku, onHand: r.onHand, reserved: r.reserved, committed: r.committed, available: inStock, level, updatedAt: r.updatedAt.toISOString() };
      }),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.sku ?? null) : null,
      total,
    };
  }

  async setStock(sku: string, body: SetStockBody, forwarded: boolean): Promise<Answer<StockLevel>> {
    const relay = { method: 'PUT', path: pathOf(ADMIN_PREFIX, AdminRoutes.stock, { sku }), body };
    const command: Command = { kind: 'setStock', sku, onHand: body.onHand, reason: body.reason ?? null };
    return this.o.dispatcher.dispatch(this.o.dispatcher.partitionOf(sku), stockCall(command, relay), forwarded);
  }

  async adjustStock(sku: string, body: AdjustStockBody, forwarded: boolean): Promise<Answer<StockLevel>> {
    const relay = { method: 'POST', path: pathOf(ADMIN_PREFIX, AdminRoutes.adjustments, { sku }), body };
    return this.o.dispatcher.dispatch(this.o.dispatcher.partitionOf(sku), stockCall({ kind: 'adjustStock', sku, delta: body.delta, reason: body.reason }, relay), forwarded);
  }

  /** Sets a flash sale's limit and allocation; answers them with the engine's figures (read after the change). */
  async setSaleLimit(sku: string, body: SaleLimitBody, forwarded: boolean): Promise<Answer<SaleLimit>> {
    const relay = { method: 'PUT', path: pathOf(ADMIN_PREFIX, AdminRoutes.saleLimit, { sku }), body };
    const startsAt = body.startsAt ? Date.parse(body.startsAt) : null;
    const endsAt = body.endsAt ? Date.parse(body.endsAt) : null;
    const call = setSaleLimitCall({ kind: 'setSaleLimit', sku, perCustomer: body.perCustomer, units: body.units ?? null, startsAt, endsAt }, relay);
    const set = await this.o.dispatcher.dispatch(this.o.dispatcher.partitionOf(sku), call, forwarded);
    if (set.ok !== true) return set;
    // Decided here: read here (never forwarded), once the partition recounted under the new limit.
    return this.saleLimit(sku, true);
  }

  /** A sale limit with its allocation's live figures, from the partition's actor (404 when none). */
  async saleLimit(sku: string, forwarded: boolean): Promise<Answer<SaleLimit>> {
    const relay = { method: 'GET', path: pathOf(ADMIN_PREFIX, AdminRoutes.saleLimit, { sku }) };
    return this.o.dispatcher.dispatch(this.o.dispatcher.partitionOf(sku), readSaleLimitCall(sku, relay), forwarded);
  }

  /** A cancelled sale: the limit and its allocation go; shoppers hold the SKU as before. */
  async clearSaleLimit(sku: string, forwarded: boolean): Promise<Answer<{ sku: string; removed: true }>> {
    const relay = { method: 'DELETE', path: pathOf(ADMIN_PREFIX, AdminRoutes.saleLimit, { sku }) };
    return this.o.dispatcher.dispatch(this.o.dispatcher.partitionOf(sku), clearSaleLimitCall(sku, relay), forwarded);
  }

  /**
   * Sold units of a SKU come back into available stock (an order cancelled or refunded), once per
   * key, in the SKU's partition: here, or on its owner.
   */
  restock(restock: { key: string; sku: string; quantity: number; reason: string | null }): Promise<Answer<StockLevel>> {
    const partition = this.o.dispatcher.partitionOf(restock.sku);
    return this.o.dispatcher.dispatch(partition, restockCall(partition, { kind: 'restock', ...restock }), false);
  }

  // --- participant side (internal routes: requests from other instances, never sent on) ---------

  /** A peer's restock of this partition's SKU. */
  restockHere(partition: number, restock: { key: string; sku: string; quantity: number; reason: string | null }): Promise<Answer<StockLevel>> {
    return this.o.dispatcher.dispatch(partition, restockCall(partition, { kind: 'restock', ...restock }), true);
  }

  /** Holds this partition's items of another partition's reservation. */
  holdHere(partition: number, command: HoldCommand): Promise<Answer<{ held: true }>> {
    return this.o.dispatcher.dispatch(partition, holdCall(partition, command), true);
  }

  finishHere(partition: number, reservationId: string, action: HoldAction): Promise<Answer<{ status: string }>> {
    return this.o.dispatcher.dispatch(partition, finishHoldCall(partition, reservationId, action), true);
  }

  /**
   * A product changed in the catalog: records its SKUs' status, then has each partition holding
   * them reload (here, or on its owner). Throws when a partition could not be told, so the event
   * is delivered again (recording is idempotent: an older product version never wins).
   */
  async productChanged(product: { id: string; status: string; version: number; variants: readonly { sku: string }[] }): Promise<void> {
    const { dispatcher } = this.o;
    const skus = product.variants.map((v) => ({ sku: v.sku, partition: dispatcher.partitionOf(v.sku) }));
    const changed = await this.o.store.recordProductStatus(product.id, product.status, product.version, skus);
    const partitions = [...new Set(skus.filter((s) => changed.includes(s.sku)).map((s) => s.partition))];
    for (const p of partitions) {
      const answer = await this.refreshProductStatus(p, false);
      if (answer.ok === false) throw new Error(`partition ${p} could not reload product statuses: ${answer.failure.code}`);
    }
  }

  /** Reloads a partition's product statuses where it is served; nothing to do where it is not (it loads them when taken). */
  async refreshProductStatus(partition: number, forwarded: boolean): Promise<Answer<{ refreshed: boolean }>> {
    if (this.o.dispatcher.route(partition).kind === 'none') return ok({ refreshed: false });
    return this.o.dispatcher.dispatch(partition, refreshProductStatusCall(partition), forwarded);
  }

  /** Expires what is due in a partition, wherever it is served (expiry jobs and the sweeper). */
  async expire(partition: number): Promise<ExpiredCounts> {
    const route = this.o.dispatcher.route(partition);
    if (route.kind === 'none') throw new PartitionUnavailableError(partition, 'no owner');
    const call: PartitionCall<ExpiredCounts> = {
      command: { kind: 'expireDue' },
      answer: async (outcome) => {
        if (outcome.kind !== 'expired') throw new Error(`unexpected expiry outcome ${outcome.kind}`);
        for (const r of outcome.reservations) {
          if (r.participants.length > 0 && !(await this.o.coordinator.follow(r.participants, r.reservationId, 'expire'))) {
            this.o.logger.warn({ reservationId: r.reservationId }, 'participants not told of an expiry yet; their holds expire by themselves');
          }
        }
        return ok({ reservations: outcome.reservations.length, holds: outcome.holds });
      },
      remote: { call: async (peers, origin) => ok(await peers.expire(origin, partition)) },
    };
    const answer = await this.o.dispatcher.dispatch(partition, call, false);
    if (answer.ok !== true) throw new Error(`partition ${partition}: expiry refused (${answer.ok === false ? answer.failure.code : 'relayed'})`);
    return answer.value;
  }
}
