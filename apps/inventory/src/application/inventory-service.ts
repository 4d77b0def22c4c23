import type {
  AdjustStockBody,
  Clock,
  CreateReservationBody,
  PublicStockLevel,
  Reservation,
  ReservationOutcome,
  SaleLimit,
  SaleLimitBody,
  SetStockBody,
  StockLevel,
} from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { mintReservationId, partitionOfReservationId } from '@shop/partitioning';
import { OverloadedError, PartitionUnavailableError } from '../actor/actor-errors.js';
import type { PartitionManager } from '../actor/partition-manager.js';
import type { ReservationActor } from '../actor/reservation-actor.js';
import type { Command, HoldCommand, Outcome, RefusalCode } from '../domain/commands.js';
import { availableOf, type HoldBounds, type ItemQuantity } from '../domain/partition-snapshot.js';
import { publicStockOf } from '../domain/public-stock.js';
import { levelOf } from '../domain/reservation-decider.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import type { PartitionStore } from '../adapters/partition-store.js';
import type { CallContext } from './caller.js';
import { failed, failures, ok, type Answer, type Failure } from './failures.js';
import type { PeerClient } from '../adapters/peer-client.js';
import { requestHash } from './request-hash.js';

export interface InventoryServiceOptions {
  ownership: PartitionOwnership;
  manager: PartitionManager;
  store: PartitionStore;
  peers: PeerClient;
  clock: Clock;
  defaultTtlSeconds: number;
  /** A customer's hold lives at most this long, whatever the body asks (trusted services are not capped). */
  customerHoldTtlSeconds: number;
  /** What a customer may hold at once (trusted services are not bounded). */
  customerHoldBounds: HoldBounds;
  /** At or below this many available units the public sees "low" and the count; above, only "in stock". */
  lowStockThreshold: number;
  /** Participant holds of a multi-partition reservation outlive its expiry by this much (the coordinator expires them first). */
  participantGraceMs: number;
  logger: Logger;
  /** Counts requests sent on to another instance. */
  onForward?: () => void;
}

type Route = { kind: 'local'; actor: ReservationActor } | { kind: 'remote'; url: string } | { kind: 'none' };

/**
 * The inventory use cases. Each request goes to the actor of the partition it concerns: here
 * when this instance owns it, else forwarded once to the owner. A reservation's items spanning
 * several partitions are held partition by partition (participants first, the coordinating
 * partition — the first item's — last, with the reservation record), and released again if any
 * part is refused: all or nothing.
 */
export class InventoryService {
  private readonly inflight = new Map<string, Promise<Answer<Reservation>>>();

  constructor(private readonly o: InventoryServiceOptions) {}

  async reserve(requested: CreateReservationBody, key: string, forwarded: boolean, ctx: CallContext): Promise<Answer<Reservation>> {
    const { ownership, clock } = this.o;
    const { caller } = ctx;
    // A customer (or an admin shopping) holds for themselves, whatever the body says, briefly and bounded.
    const shopper = caller.kind === 'customer' ? caller.customerId : caller.kind === 'admin' ? caller.userId : null;
    const body = shopper === null ? requested : { ...requested, customerId: shopper };
    const ttlSeconds = shopper === null ? (body.ttlSeconds ?? this.o.defaultTtlSeconds) : Math.min(body.ttlSeconds ?? this.o.defaultTtlSeconds, this.o.customerHoldTtlSeconds);
    const byPartition = new Map<number, ItemQuantity[]>();
    for (const item of body.items) {
      const p = ownership.partitionOf(item.sku);
      const list = byPartition.get(p);
      if (list) list.push(item);
      else byPartition.set(p, [item]);
    }
    const coordinator = ownership.partitionOf(body.items[0]!.sku);
    const route = this.route(coordinator);
    if (route.kind !== 'local') {
      return this.forward(route, coordinator, forwarded, 'POST', '/api/inventory/reservations', requested, { ...ctx.forwardHeaders, 'idempotency-key': key });
    }
    const now = clock.now().getTime();
    const command = {
      kind: 'reserve' as const,
      reservationId: mintReservationId(coordinator),
      idempotencyKey: key,
      requestHash: requestHash(body),
      customerId: body.customerId ?? null,
      items: body.items,
      localItems: byPartition.get(coordinator)!,
      participants: [] as number[],
      expiresAt: now + ttlSeconds * 1000,
      bounds: shopper === null ? null : this.o.customerHoldBounds,
      // Only a trusted service (checkout) names the address and card a sale limit also counts.
      limitKeys: shopper === null ? (body.limitKeys ?? []) : [],
    };
    if (byPartition.size === 1 || route.actor.view?.headersByKey.has(key)) {
      return this.reservationAnswer(await this.submit(route.actor, command));
    }
    // Concurrent retries of one multi-partition reservation: the first does the work, the others replay it.
    const running = this.inflight.get(key);
    if (running) {
      await running.catch(() => undefined);
      return this.reserve(requested, key, forwarded, ctx);
    }
    const run = this.reserveAcross(route.actor, command, byPartition);
    this.inflight.set(key, run);
    try {
      return await run;
    } finally {
      this.inflight.delete(key);
    }
  }

  private async reserveAcross(
    coordinator: ReservationActor,
    command: Extract<Command, { kind: 'reserve' }>,
    byPartition: Map<number, ItemQuantity[]>,
  ): Promise<Answer<Reservation>> {
    const others = [...byPartition].filter(([p]) => p !== coordinator.partition);
    const participants = others.map(([p]) => p);
    const hold = (items: ItemQuantity[]): HoldCommand => ({
      kind: 'hold',
      reservationId: command.reservationId,
      customerId: command.customerId,
      items,
      expiresAt: command.expiresAt + this.o.participantGraceMs,
      bounds: command.bounds,
      limitKeys: command.limitKeys,
    });
    const results = await Promise.all(others.map(([p, items]) => this.holdIn(p, hold(items))));
    const refused = results.filter((r): r is Failure => r !== undefined);
    if (refused.length > 0) {
      await this.compensate(participants, command.reservationId);
      return failed(combined(refused));
    }
    let outcome: Outcome;
    try {
      outcome = await this.o.manager.actor(coordinator.partition)!.submit({ ...command, participants });
    } catch (err) {
      // Refused before deciding: nothing of the reservation record was written.
      if (err instanceof OverloadedError || err instanceof PartitionUnavailableError) await this.compensate(participants, command.reservationId);
      // Otherwise the outcome is unknown: keep the holds (they expire) so a committed record stays whole.
      return this.failureOf(err);
    }
    if (outcome.kind !== 'reserved' || outcome.replay) await this.compensate(participants, command.reservationId);
    return this.reservationAnswer(outcome);
  }

  /** Only its owner, an admin or a trusted service releases a reservation; anyone else is answered 404. */
  async release(reservationId: string, forwarded: boolean, ctx: CallContext): Promise<Answer<ReservationOutcome>> {
    return this.finish(reservationId, 'release', forwarded, ctx);
  }

  async commit(reservationId: string, forwarded: boolean, ctx: CallContext): Promise<Answer<ReservationOutcome>> {
    return this.finish(reservationId, 'commit', forwarded, ctx);
  }

  private async finish(reservationId: string, action: 'release' | 'commit', forwarded: boolean, ctx: CallContext): Promise<Answer<ReservationOutcome>> {
    const partition = partitionOfReservationId(reservationId);
    if (partition === undefined || partition >= this.o.ownership.partitions) return failed(failures.unknownReservation(reservationId));
    const onlyOwnedBy = ctx.caller.kind === 'customer' ? ctx.caller.customerId : undefined;
    const route = this.route(partition);
    if (route.kind !== 'local') {
      const path = action === 'release' ? `/api/inventory/reservations/${reservationId}` : `/internal/inventory/reservations/${reservationId}/commit`;
      return this.forward(route, partition, forwarded, action === 'release' ? 'DELETE' : 'POST', path, undefined, ctx.forwardHeaders);
    }
    const command: Command = action === 'release' ? { kind: 'release', reservationId, reason: 'released', onlyOwnedBy } : { kind: 'commit', reservationId };
    const outcome = await this.submit(route.actor, command);
    if ('failure' in outcome) return outcome;
    switch (outcome.kind) {
      case 'finished': {
        if (action === 'release' && outcome.status === 'committed') return failed(failures.notHeld(reservationId, 'committed'));
        // Participants follow the coordinator's decision; a failure is answered 503 and the caller retries (idempotent).
        const followed =
          action === 'commit' || outcome.status === 'committed'
            ? await this.commitIn(outcome.participants, reservationId)
            : await this.releaseIn(outcome.participants, reservationId, outcome.status === 'expired' ? 'expired' : 'released');
        if (!followed) return failed({ ...failures.partitionUnavailable(partition), message: 'some items could not be updated yet; retry' });
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

  /** The shopper's view (public): a level, and the count only when low. */
  async publicStock(sku: string): Promise<Answer<PublicStockLevel>> {
    const answer = await this.stockLevel(sku);
    return answer.kind === 'ok' ? ok(publicStockOf(sku, answer.value.available, this.o.lowStockThreshold)) : answer;
  }

  /** The full figures (admin): on hand, reserved, committed, available. */
  async stockLevel(sku: string): Promise<Answer<StockLevel>> {
    const route = this.route(this.o.ownership.partitionOf(sku));
    const view = route.kind === 'local' ? route.actor.view : undefined;
    if (view) {
      // The snapshot is the committed state: no read needed.
      const record = view.stock.get(sku);
      return record ? ok(levelOf(record)) : failed(failures.unknownSku(sku));
    }
    const row = await this.o.store.stockLevel(sku);
    return row ? ok({ ...row, available: availableOf(row) }) : failed(failures.unknownSku(sku));
  }

  async setStock(sku: string, body: SetStockBody, forwarded: boolean): Promise<Answer<StockLevel>> {
    return this.stockCommand(sku, { kind: 'setStock', sku, onHand: body.onHand, reason: body.reason ?? null }, forwarded, 'PUT', `/api/admin/inventory/${encodeURIComponent(sku)}`, body);
  }

  async adjustStock(sku: string, body: AdjustStockBody, forwarded: boolean): Promise<Answer<StockLevel>> {
    return this.stockCommand(
      sku,
      { kind: 'adjustStock', sku, delta: body.delta, reason: body.reason },
      forwarded,
      'POST',
      `/api/admin/inventory/${encodeURIComponent(sku)}/adjustments`,
      body,
    );
  }

  async setSaleLimit(sku: string, body: SaleLimitBody, forwarded: boolean): Promise<Answer<SaleLimit>> {
    const partition = this.o.ownership.partitionOf(sku);
    const route = this.route(partition);
    if (route.kind !== 'local') return this.forward(route, partition, forwarded, 'PUT', `/api/admin/inventory/${encodeURIComponent(sku)}/sale-limit`, body);
    const startsAt = body.startsAt ? Date.parse(body.startsAt) : null;
    const endsAt = body.endsAt ? Date.parse(body.endsAt) : null;
    const outcome = await this.submit(route.actor, { kind: 'setSaleLimit', sku, perCustomer: body.perCustomer, startsAt, endsAt });
    if ('failure' in outcome) return outcome;
    if (outcome.kind === 'unknownSku') return failed(failures.unknownSku(sku));
    if (outcome.kind !== 'saleLimit') return unexpected(outcome);
    return ok({ sku, perCustomer: body.perCustomer, startsAt: body.startsAt ?? null, endsAt: body.endsAt ?? null });
  }

  private async stockCommand(
    sku: string,
    command: Command,
    forwarded: boolean,
    method: string,
    path: string,
    body: unknown,
  ): Promise<Answer<StockLevel>> {
    const partition = this.o.ownership.partitionOf(sku);
    const route = this.route(partition);
    if (route.kind !== 'local') return this.forward(route, partition, forwarded, method, path, body);
    const outcome = await this.submit(route.actor, command);
    if ('failure' in outcome) return outcome;
    if (outcome.kind === 'stock') return ok(outcome.level);
    if (outcome.kind === 'belowCommitments') return failed(failures.belowCommitments(outcome.level));
    if (outcome.kind === 'unknownSku') return failed(failures.unknownSku(sku));
    return unexpected(outcome);
  }

  // --- participant side (internal routes) --------------------------------------------------

  /** Holds this partition's items of another partition's reservation. */
  async holdHere(partition: number, command: HoldCommand): Promise<Answer<{ held: true }>> {
    const actor = this.localActor(partition);
    if (!actor) return failed(failures.partitionUnavailable(partition));
    const outcome = await this.submit(actor, command);
    if ('failure' in outcome) return outcome;
    if (outcome.kind === 'held') return ok({ held: true as const });
    if (outcome.kind === 'refused') return failed(refusalFailure(outcome.code, outcome.skus));
    return unexpected(outcome);
  }

  async finishHere(partition: number, reservationId: string, action: 'release' | 'expire' | 'commit'): Promise<Answer<{ status: string }>> {
    const actor = this.localActor(partition);
    if (!actor) return failed(failures.partitionUnavailable(partition));
    const command: Command =
      action === 'commit' ? { kind: 'commit', reservationId } : { kind: 'release', reservationId, reason: action === 'expire' ? 'expired' : 'released' };
    const outcome = await this.submit(actor, command);
    if ('failure' in outcome) return outcome;
    if (outcome.kind === 'finished') return ok({ status: outcome.status });
    // A hold that was never made (its hold request was refused) or is already gone: nothing to do.
    if (outcome.kind === 'unknownReservation') return ok({ status: 'unknown' });
    if (outcome.kind === 'notHeld') return failed(failures.notHeld(reservationId, outcome.status));
    return unexpected(outcome);
  }

  /**
   * A product changed in the catalog: records its SKUs' status, then has each partition holding
   * them reload (here, or on its owner). Throws when a partition could not be told, so the event
   * is delivered again (recording is idempotent: an older product version never wins).
   */
  async productChanged(product: { id: string; status: string; version: number; variants: readonly { sku: string }[] }): Promise<void> {
    const { ownership } = this.o;
    const skus = product.variants.map((v) => ({ sku: v.sku, partition: ownership.partitionOf(v.sku) }));
    const changed = await this.o.store.recordProductStatus(product.id, product.status, product.version, skus);
    const partitions = [...new Set(skus.filter((s) => changed.includes(s.sku)).map((s) => s.partition))];
    for (const p of partitions) {
      const answer = await this.refreshProductStatus(p);
      if (answer.kind === 'failed' && answer.failure.status >= 500) throw new Error(`partition ${p} could not reload product statuses: ${answer.failure.code}`);
    }
  }

  /** Reloads a partition's product statuses where it is served; nothing to do where it is not (it loads them when taken). */
  async refreshProductStatus(partition: number): Promise<Answer<{ refreshed: boolean }>> {
    const route = this.route(partition);
    if (route.kind === 'none') return ok({ refreshed: false });
    if (route.kind === 'remote') {
      try {
        const res = await this.o.peers.call(route.url, 'POST', `/internal/inventory/partitions/${partition}/product-status`);
        return res.status === 200 ? ok({ refreshed: true }) : failed(failures.partitionUnavailable(partition));
      } catch {
        return failed(failures.partitionUnavailable(partition));
      }
    }
    const outcome = await this.submit(route.actor, { kind: 'refreshProductStatus' });
    return 'failure' in outcome ? outcome : ok({ refreshed: true });
  }

  /** Expires what is due in a partition, wherever it is served (expiry jobs and the sweeper). */
  async expire(partition: number): Promise<{ reservations: number; holds: number }> {
    const route = this.route(partition);
    if (route.kind === 'remote') {
      const res = await this.o.peers.call(route.url, 'POST', `/internal/inventory/partitions/${partition}/expire`);
      if (res.status !== 200) throw new Error(`partition ${partition}: expiry on its owner answered ${res.status}`);
      return res.body as { reservations: number; holds: number };
    }
    if (route.kind === 'none') throw new PartitionUnavailableError(partition, 'no owner');
    const outcome = await route.actor.submit({ kind: 'expireDue' });
    if (outcome.kind !== 'expired') throw new Error(`unexpected expiry outcome ${outcome.kind}`);
    for (const r of outcome.reservations) {
      if (r.participants.length > 0 && !(await this.releaseIn(r.participants, r.reservationId, 'expired'))) {
        this.o.logger.warn({ reservationId: r.reservationId }, 'participants not told of an expiry yet; their holds expire by themselves');
      }
    }
    return { reservations: outcome.reservations.length, holds: outcome.holds };
  }

  // --- helpers -------------------------------------------------------------------------------

  private route(partition: number): Route {
    if (this.o.ownership.isMine(partition)) {
      const actor = this.o.manager.actor(partition);
      return actor ? { kind: 'local', actor } : { kind: 'none' };
    }
    const url = this.o.ownership.ownerUrl(partition);
    return url ? { kind: 'remote', url } : { kind: 'none' };
  }

  private localActor(partition: number): ReservationActor | undefined {
    const route = this.route(partition);
    return route.kind === 'local' ? route.actor : undefined;
  }

  /** Sends the request to the partition's owner once; a forwarded request is never forwarded again. */
  private async forward<T>(
    route: Route,
    partition: number,
    forwarded: boolean,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<T>> {
    if (forwarded || route.kind !== 'remote') return failed(failures.partitionUnavailable(partition));
    this.o.onForward?.();
    try {
      const res = await this.o.peers.call(route.url, method, path, body, headers);
      return { kind: 'forwarded', status: res.status, body: res.body, retryAfter: res.retryAfter, replay: res.replayed };
    } catch {
      return failed(failures.partitionUnavailable(partition));
    }
  }

  private async submit(actor: ReservationActor, command: Command): Promise<Outcome | Extract<Answer<never>, { kind: 'failed' }>> {
    try {
      return await actor.submit(command);
    } catch (err) {
      return this.failureOf(err);
    }
  }

  /** Refusals before deciding become answers; anything else (a database outage) is thrown to the HTTP layer. */
  private failureOf(err: unknown): Extract<Answer<never>, { kind: 'failed' }> {
    if (err instanceof OverloadedError) return { kind: 'failed', failure: failures.overloaded() };
    if (err instanceof PartitionUnavailableError) return { kind: 'failed', failure: failures.partitionUnavailable(err.partition) };
    throw err;
  }

  private reservationAnswer(outcome: Outcome | Extract<Answer<never>, { kind: 'failed' }>): Answer<Reservation> {
    if ('failure' in outcome) return outcome;
    switch (outcome.kind) {
      case 'reserved': {
        const h = outcome.header;
        return ok({ reservationId: h.reservationId, items: h.items as Reservation['items'], expiresAt: new Date(h.expiresAt).toISOString() }, 201, outcome.replay);
      }
      case 'refused':
        return failed(refusalFailure(outcome.code, outcome.skus));
      case 'keyReused':
        return failed(failures.keyReused());
      default:
        return unexpected(outcome);
    }
  }

  /** Holds items in a participant partition; undefined when held, else why not. */
  private async holdIn(partition: number, command: HoldCommand): Promise<Failure | undefined> {
    const route = this.route(partition);
    if (route.kind === 'local') {
      const answer = await this.holdHere(partition, command);
      return answer.kind === 'failed' ? answer.failure : undefined;
    }
    if (route.kind === 'none') return failures.partitionUnavailable(partition);
    try {
      const res = await this.o.peers.call(route.url, 'POST', `/internal/inventory/partitions/${partition}/holds`, {
        reservationId: command.reservationId,
        customerId: command.customerId,
        items: command.items,
        expiresAt: command.expiresAt,
        bounds: command.bounds,
        limitKeys: command.limitKeys ?? [],
      });
      if (res.status === 200) return undefined;
      const error = (res.body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      return { status: res.status, code: error?.code ?? 'INTERNAL', message: error?.message ?? 'hold failed', details: error?.details };
    } catch {
      return failures.partitionUnavailable(partition);
    }
  }

  /** Undoes participant holds of a reservation that will not be made (best effort: they expire anyway). */
  private async compensate(partitions: readonly number[], reservationId: string): Promise<void> {
    if (!(await this.releaseIn(partitions, reservationId, 'released'))) {
      this.o.logger.warn({ reservationId }, 'could not undo every participant hold now; they expire by themselves');
    }
  }

  private releaseIn(partitions: readonly number[], reservationId: string, reason: 'released' | 'expired'): Promise<boolean> {
    return this.followIn(partitions, reservationId, reason === 'expired' ? 'expire' : 'release');
  }

  private commitIn(partitions: readonly number[], reservationId: string): Promise<boolean> {
    return this.followIn(partitions, reservationId, 'commit');
  }

  private async followIn(partitions: readonly number[], reservationId: string, action: 'release' | 'expire' | 'commit'): Promise<boolean> {
    const results = await Promise.all(
      partitions.map(async (p) => {
        try {
          const route = this.route(p);
          if (route.kind === 'local') return (await this.finishHere(p, reservationId, action)).kind === 'ok';
          if (route.kind === 'none') return false;
          const res = await this.o.peers.call(route.url, 'POST', `/internal/inventory/partitions/${p}/holds/${reservationId}/${action}`);
          return res.status === 200;
        } catch (err) {
          this.o.logger.warn({ partition: p, reservationId, action, err: String(err) }, 'participant update failed');
          return false;
        }
      }),
    );
    return results.every(Boolean);
  }
}

function refusalFailure(code: RefusalCode, skus: string[]): Failure {
  if (code === 'UNKNOWN_SKU') return failures.unknownSkus(skus);
  if (code === 'UNAVAILABLE') return failures.unavailable(skus);
  return code === 'LIMIT_EXCEEDED' ? failures.limitExceeded(skus) : failures.outOfStock(skus);
}

/** One answer for several refused parts: retryable first, then unknown SKUs, limits, stock (SKUs merged). */
function combined(refusals: Failure[]): Failure {
  const unavailable = refusals.find((f) => f.status >= 500);
  if (unavailable) return unavailable;
  for (const code of ['NOT_FOUND', 'SKU_UNAVAILABLE', 'LIMIT_EXCEEDED', 'OUT_OF_STOCK']) {
    const same = refusals.filter((f) => f.code === code);
    if (same.length > 0) return { ...same[0]!, details: same.flatMap((f) => (Array.isArray(f.details) ? f.details : [])) };
  }
  return refusals[0]!;
}

function unexpected(outcome: Outcome): never {
  throw new Error(`unexpected outcome ${outcome.kind}`);
}
