import { OverloadedError, PartitionUnavailableError } from '../actor/actor-errors.js';
import type { PartitionManager } from '../actor/partition-manager.js';
import type { ReservationActor } from '../actor/reservation-actor.js';
import type { Command, Outcome } from '../domain/commands.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import { failed, failures, type Answer, type Failure } from './failures.js';
import type { InventoryPeers, RelayedRequest } from './inventory-peers.js';

/** Where a partition is served: by an actor here, by another instance, or (for now) nowhere. */
export type Route = { kind: 'local'; actor: ReservationActor } | { kind: 'remote'; origin: string } | { kind: 'none' };

/**
 * A typed command for one partition: what its actor runs here, how its outcome becomes the
 * answer, and how the partition's owner is asked when that is another instance — the client's
 * request relayed once (public and admin routes), or the same command over the internal client
 * (participant holds, expiry, reloads). Without `remote`, only a local actor runs it.
 */
export interface PartitionCall<T> {
  command: Command;
  answer(outcome: Outcome): Answer<T> | Promise<Answer<T>>;
  remote?: { relay: RelayedRequest } | { call(peers: InventoryPeers, origin: string): Promise<Answer<T>> };
}

export interface PartitionDispatcherOptions {
  ownership: PartitionOwnership;
  manager: PartitionManager;
  peers: InventoryPeers;
  /** Counts requests relayed to another instance. */
  onForward?: () => void;
}

/**
 * Runs a partition's commands where the partition is served: on its actor when this instance owns
 * it, else on its owner over the one internal client. The forward-once rule lives here: a request
 * that arrived forwarded (or from a peer) is never sent on again, it is answered 503 and retried.
 */
export class PartitionDispatcher {
  constructor(private readonly o: PartitionDispatcherOptions) {}

  get partitions(): number {
    return this.o.ownership.partitions;
  }

  partitionOf(sku: string): number {
    return this.o.ownership.partitionOf(sku);
  }

  route(partition: number): Route {
    if (this.o.ownership.isMine(partition)) {
      const actor = this.o.manager.actor(partition);
      return actor ? { kind: 'local', actor } : { kind: 'none' };
    }
    const origin = this.o.ownership.ownerUrl(partition);
    return origin ? { kind: 'remote', origin } : { kind: 'none' };
  }

  /** The partition's actor when it is served here. */
  localActor(partition: number): ReservationActor | undefined {
    const route = this.route(partition);
    return route.kind === 'local' ? route.actor : undefined;
  }

  /** Runs the call here or on the partition's owner; `forwarded`: the request came from another instance. */
  async dispatch<T>(partition: number, call: PartitionCall<T>, forwarded: boolean): Promise<Answer<T>> {
    const route = this.route(partition);
    if (route.kind === 'local') return this.run(route.actor, call);
    if (route.kind === 'none' || forwarded || !call.remote) return failed(failures.partitionUnavailable(partition));
    if ('relay' in call.remote) return this.relay(route.origin, partition, call.remote.relay);
    return call.remote.call(this.o.peers, route.origin);
  }

  /** Sends a client's request on to the partition's owner, once; its answer is passed back as it is. */
  async forward(partition: number, request: RelayedRequest, forwarded: boolean): Promise<Answer<never>> {
    const route = this.route(partition);
    if (route.kind !== 'remote' || forwarded) return failed(failures.partitionUnavailable(partition));
    return this.relay(route.origin, partition, request);
  }

  /** Runs the call on this actor and maps its outcome. */
  async run<T>(actor: ReservationActor, call: PartitionCall<T>): Promise<Answer<T>> {
    let outcome: Outcome;
    try {
      outcome = await actor.submit(call.command);
    } catch (err) {
      return failed(refusalBeforeDeciding(err));
    }
    return call.answer(outcome);
  }

  private relay(origin: string, partition: number, request: RelayedRequest): Promise<Answer<never>> {
    this.o.onForward?.();
    return this.o.peers.relay(origin, partition, request);
  }
}

/**
 * An actor's refusal before deciding (a full mailbox, a partition handed over) as a failure: the
 * command was not run, the caller may retry. Anything else (a database outage: the outcome is
 * unknown) is thrown on to the HTTP layer.
 */
export function refusalBeforeDeciding(err: unknown): Failure {
  if (err instanceof OverloadedError) return failures.overloaded();
  if (err instanceof PartitionUnavailableError) return failures.partitionUnavailable(err.partition);
  throw err;
}
