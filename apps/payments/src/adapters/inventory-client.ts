import { FailureCode, Reservation, ReservationDetail, ReservationOutcome, SaleLimit, type ReservationItem } from '@shop/contracts';
import { inventoryRoutingKey, type InstanceInfo } from '@shop/partitioning';
import { ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';
import type { FinishAnswer, ReserveAnswer, SaleLimits, StockReservations } from '../application/upstreams.js';
import type { HeldReservationView } from '../domain/reservation-swap.js';
import { refusalOf } from './upstream-refusal.js';

/** What routing needs of the live partition view (a `PartitionRouter` fits). */
export interface InventoryPartitionView {
  readonly partitions: number;
  ownerOfPartition(partition: number): InstanceInfo | undefined;
}

/**
 * The inventory service, partition-sticky exactly like the gateway: a reservation goes to the
 * instance owning its first SKU's partition (it coordinates the others), a commit or release to
 * the owner of the partition named in the reservation id (`r<partition>_<uuid>`). Routing is for
 * speed: an instance forwards what it does not own once, and inventory fences its writes.
 */
export class InventoryClient implements StockReservations, SaleLimits {
  /**
   * @param http a client with no default origin (each call names its instance); its keep-alive
   *   pools are per instance.
   */
  constructor(
    private readonly view: InventoryPartitionView,
    private readonly http: ServiceClient,
  ) {}

  /** Idempotency-Key = the checkout id: a retry answers the same reservation (or the same refusal). */
  async reserve(
    request: { items: ReservationItem[]; customerId: string; ttlSeconds: number; limitKeys: string[]; replaces?: string },
    idempotencyKey: string,
  ): Promise<ReserveAnswer> {
    const first = request.items[0];
    if (!first) throw new Error('a reservation needs at least one item');
    const path = '/api/inventory/reservations';
    const key = inventoryRoutingKey({ method: 'POST', path, body: request }, this.view.partitions);
    const res = await this.http.request('POST', path, {
      origin: this.originOf(this.view.ownerOfPartition(key.partition), `SKU ${first.sku}`),
      body: request,
      headers: { 'idempotency-key': idempotencyKey },
    });
    if (res.status === 200 || res.status === 201) {
      const reservation = Reservation.safeParse(res.body);
      if (!reservation.success) throw new UpstreamUnavailableError(this.http.service, 'answered a reservation with an unexpected body');
      return { kind: 'reserved', reservation: reservation.data };
    }
    return refusalOf(res);
  }

  /** `GET /internal/inventory/reservations/:id` on the owner of its partition: owner, status, items. */
  async reservation(reservationId: string): Promise<HeldReservationView | null> {
    const path = `/internal/inventory/reservations/${reservationId}`;
    const key = inventoryRoutingKey({ method: 'GET', path }, this.view.partitions);
    if (key.by !== 'reservation') return null;
    const res = await this.http.request('GET', path, { origin: this.originOf(this.view.ownerOfPartition(key.partition), `partition ${key.partition}`) });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a reservation read`);
    const view = ReservationDetail.safeParse(res.body);
    if (!view.success) throw new UpstreamUnavailableError(this.http.service, 'answered a reservation read with an unexpected body');
    return { reservationId: view.data.reservationId, customerId: view.data.customerId, status: view.data.status, items: view.data.items };
  }

  /** Each SKU's sale limit on the owner of its partition (one read per SKU; carts are small): those whose window is still open or to come. */
  async limitedSkus(skus: readonly string[], now: Date): Promise<string[]> {
    const limited = await Promise.all(
      skus.map(async (sku) => {
        const path = `/api/admin/inventory/${encodeURIComponent(sku)}/sale-limit`;
        const key = inventoryRoutingKey({ method: 'GET', path }, this.view.partitions);
        const res = await this.http.request('GET', path, { origin: this.originOf(this.view.ownerOfPartition(key.partition), `SKU ${sku}`) });
        if (res.status === 404) return null;
        if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a sale-limit read`);
        const limit = SaleLimit.safeParse(res.body);
        if (!limit.success) throw new UpstreamUnavailableError(this.http.service, 'answered a sale-limit read with an unexpected body');
        return limit.data.endsAt !== null && Date.parse(limit.data.endsAt) <= now.getTime() ? null : sku;
      }),
    );
    return limited.filter((sku): sku is string => sku !== null);
  }

  /** The reserved units are sold. */
  commit(reservationId: string): Promise<FinishAnswer> {
    return this.finish(reservationId, 'commit');
  }

  /** The stock returns (the compensation of reserve). */
  release(reservationId: string): Promise<FinishAnswer> {
    return this.finish(reservationId, 'release');
  }

  private async finish(reservationId: string, action: 'commit' | 'release'): Promise<FinishAnswer> {
    const path = `/internal/inventory/reservations/${reservationId}/${action}`;
    const key = inventoryRoutingKey({ method: 'POST', path }, this.view.partitions);
    if (key.by !== 'reservation') {
      return { kind: 'refused', status: 404, code: FailureCode.NOT_FOUND, message: `reservation ${reservationId} is not of this partitioning`, details: undefined };
    }
    const res = await this.http.request('POST', path, {
      origin: this.originOf(this.view.ownerOfPartition(key.partition), `partition ${key.partition}`),
    });
    if (res.status === 200) {
      const outcome = ReservationOutcome.safeParse(res.body);
      if (!outcome.success) throw new UpstreamUnavailableError(this.http.service, `answered a ${action} with an unexpected body`);
      return { kind: 'finished', outcome: outcome.data };
    }
    return refusalOf(res);
  }

  private originOf(instance: InstanceInfo | undefined, what: string): string {
    if (!instance) throw new UpstreamUnavailableError(this.http.service, `no live instance owns ${what}`);
    return instance.url;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
