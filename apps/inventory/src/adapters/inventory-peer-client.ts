import { FailureCode, failure, isFailureCode, type Failure, type Result, type StockLevel } from '@shop/contracts';
import { errorOf, ServiceClient, UpstreamUnavailableError, type ServiceResponse } from '@shop/service-kit';
import type { HoldCommand, RestockCommand } from '../domain/commands.js';
import { failures, type Answer } from '../application/failures.js';
import type { ExpiredCounts, InventoryPeers, RelayedRequest } from '../application/inventory-peers.js';
import { HOP_HEADER, INTERNAL_PREFIX, InternalRoutes, pathOf, type HoldAction } from '../inventory-routes.js';

/** Every status a relayed request may come back with is the client's answer, passed through as it is. */
const RELAYED_STATUSES = [429, 500, 502, 503, 504];
/** A participant's passing refusal (a full mailbox, a moving partition) is read, not thrown. */
const PARTICIPANT_STATUSES = [503];

/**
 * HTTP to the other inventory instances, on service-kit's `ServiceClient` (keep-alive pools per
 * instance, timeouts, the signed inventory credential, the trace context), every request marked
 * with the hop header. The one place that knows the internal paths besides the controllers, which
 * register the same route constants.
 */
export class InventoryPeerClient implements InventoryPeers {
  private readonly http: ServiceClient;

  constructor(timeoutMs: number) {
    // Peers' /internal routes and forwarded admin requests accept only a signed inventory credential.
    this.http = new ServiceClient({ caller: 'inventory', service: 'inventory', timeoutMs, headers: { [HOP_HEADER]: '1' } });
  }

  async relay(origin: string, partition: number, request: RelayedRequest): Promise<Answer<never>> {
    const res = await this.send(origin, partition, request.method, request.path, {
      body: request.body,
      headers: request.headers,
      passStatuses: RELAYED_STATUSES,
    });
    if ('failure' in res) return { ok: false, failure: res.failure };
    return { ok: 'relayed', status: res.status, body: res.body, retryAfter: res.retryAfter, replayed: res.replayed };
  }

  async hold(origin: string, partition: number, command: HoldCommand): Promise<Result<{ held: true }>> {
    const body = {
      reservationId: command.reservationId,
      customerId: command.customerId,
      items: command.items,
      expiresAt: command.expiresAt,
      bounds: command.bounds,
      limitKeys: command.limitKeys ?? [],
    };
    const res = await this.send(origin, partition, 'POST', pathOf(INTERNAL_PREFIX, InternalRoutes.holds, { partition }), { body });
    return resultOf(res, () => ({ held: true as const }));
  }

  async finishHold(origin: string, partition: number, reservationId: string, action: HoldAction): Promise<Result<{ status: string }>> {
    const path = pathOf(INTERNAL_PREFIX, InternalRoutes.hold, { partition, id: reservationId, action });
    return resultOf(await this.send(origin, partition, 'POST', path), (body) => body as { status: string });
  }

  async refreshProductStatus(origin: string, partition: number): Promise<Result<{ refreshed: boolean }>> {
    const path = pathOf(INTERNAL_PREFIX, InternalRoutes.productStatus, { partition });
    const res = await this.send(origin, partition, 'POST', path);
    // Whatever the owner refused, the partition could not be told now: the event is delivered again.
    if (!('failure' in res) && res.status !== 200) return { ok: false, failure: failures.partitionUnavailable(partition) };
    return resultOf(res, () => ({ refreshed: true }));
  }

  async restock(origin: string, partition: number, command: RestockCommand): Promise<Result<StockLevel>> {
    const body = { key: command.key, sku: command.sku, quantity: command.quantity, reason: command.reason };
    const res = await this.send(origin, partition, 'POST', pathOf(INTERNAL_PREFIX, InternalRoutes.restocks, { partition }), { body });
    return resultOf(res, (level) => level as StockLevel);
  }

  async expire(origin: string, partition: number): Promise<ExpiredCounts> {
    const res = await this.http.request('POST', pathOf(INTERNAL_PREFIX, InternalRoutes.expire, { partition }), { origin });
    if (res.status !== 200) throw new Error(`partition ${partition}: expiry on its owner answered ${res.status}`);
    return res.body as ExpiredCounts;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** One request; no answer at all (refused, reset, timed out, 5xx) is the partition being unavailable. */
  private async send(
    origin: string,
    partition: number,
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; passStatuses?: readonly number[] } = {},
  ): Promise<ServiceResponse | { failure: Failure }> {
    try {
      // Never repeated here: a relayed reservation carries the client's key, the rest are idempotent but the coordinator decides.
      return await this.http.request(method, path, { ...init, origin, idempotent: false, passStatuses: init.passStatuses ?? PARTICIPANT_STATUSES });
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) return { failure: failures.partitionUnavailable(partition) };
      throw err;
    }
  }
}

/** A participant's answer as a result: 200 is the value, anything else the failure its error body names. */
function resultOf<T>(res: ServiceResponse | { failure: Failure }, value: (body: unknown) => T): Result<T> {
  if ('failure' in res) return { ok: false, failure: res.failure };
  if (res.status === 200) return { ok: true, value: value(res.body) };
  const error = errorOf(res.body);
  const code = isFailureCode(error.code) ? error.code : FailureCode.INTERNAL;
  const retryAfter = res.retryAfter === undefined ? undefined : Number(res.retryAfter);
  return { ok: false, failure: failure(code, error.message ?? 'the partition owner refused', error.details, Number.isFinite(retryAfter) ? retryAfter : undefined) };
}
