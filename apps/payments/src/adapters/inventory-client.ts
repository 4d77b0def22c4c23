import { FailureCode, Reservation, ReservationOutcome, type ReservationItem } from '@shop/contracts';
import { partitionOfReservationId, type InstanceInfo } from '@shop/partitioning';
import { errorOf, JsonHttpClient, UpstreamUnavailableError } from './http-json-client.js';

/** What routing needs of the live partition view (a `PartitionRouter` fits). */
export interface InventoryPartitionView {
  readonly partitions: number;
  instanceFor(sku: string): InstanceInfo | undefined;
  ownerOfPartition(partition: number): InstanceInfo | undefined;
}

export type InventoryRefusal = { kind: 'refused'; status: number; code: string; message: string; details: unknown };
export type ReserveAnswer = { kind: 'reserved'; reservation: Reservation } | InventoryRefusal;
export type FinishAnswer = { kind: 'finished'; outcome: ReservationOutcome } | InventoryRefusal;

export interface InventoryClientOptions {
  view: InventoryPartitionView;
  timeoutMs: number;
  /** Keep-alive connections per inventory instance. */
  connections: number;
}

/**
 * The inventory service, partition-sticky exactly like the gateway: a reservation goes to the
 * instance owning its first SKU's partition (it coordinates the others), a commit or release to
 * the owner of the partition named in the reservation id (`r<partition>_<uuid>`). Routing is for
 * speed: an instance forwards what it does not own once, and inventory fences its writes.
 */
export class InventoryClient {
  private readonly pools = new Map<string, JsonHttpClient>();

  constructor(private readonly options: InventoryClientOptions) {}

  /** Idempotency-Key = the checkout id: a retry answers the same reservation (or the same refusal). */
  async reserve(request: { items: ReservationItem[]; customerId: string; ttlSeconds: number; limitKeys: string[] }, idempotencyKey: string): Promise<ReserveAnswer> {
    const first = request.items[0];
    if (!first) throw new Error('a reservation needs at least one item');
    const http = this.client(this.options.view.instanceFor(first.sku), `SKU ${first.sku}`);
    const res = await http.request('POST', '/api/inventory/reservations', {
      body: request,
      headers: { 'idempotency-key': idempotencyKey },
    });
    if (res.status === 200 || res.status === 201) {
      const reservation = Reservation.safeParse(res.body);
      if (!reservation.success) throw new UpstreamUnavailableError('inventory', 'answered a reservation with an unexpected body');
      return { kind: 'reserved', reservation: reservation.data };
    }
    return { kind: 'refused', status: res.status, ...errorOf(res.body) };
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
    const partition = partitionOfReservationId(reservationId);
    if (partition === undefined || partition >= this.options.view.partitions) {
      return { kind: 'refused', status: 404, code: FailureCode.NOT_FOUND, message: `reservation ${reservationId} is not of this partitioning`, details: undefined };
    }
    const http = this.client(this.options.view.ownerOfPartition(partition), `partition ${partition}`);
    const res = await http.request('POST', `/internal/inventory/reservations/${reservationId}/${action}`);
    if (res.status === 200) {
      const outcome = ReservationOutcome.safeParse(res.body);
      if (!outcome.success) throw new UpstreamUnavailableError('inventory', `answered a ${action} with an unexpected body`);
      return { kind: 'finished', outcome: outcome.data };
    }
    return { kind: 'refused', status: res.status, ...errorOf(res.body) };
  }

  private client(instance: InstanceInfo | undefined, what: string): JsonHttpClient {
    if (!instance) throw new UpstreamUnavailableError('inventory', `no live instance owns ${what}`);
    let client = this.pools.get(instance.url);
    if (!client) {
      client = new JsonHttpClient({ service: 'inventory', url: instance.url, timeoutMs: this.options.timeoutMs, connections: this.options.connections });
      this.pools.set(instance.url, client);
    }
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((c) => c.close()));
    this.pools.clear();
  }
}
