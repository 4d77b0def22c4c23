import type { GatewayConfig, UpstreamConfig } from '../config.js';
import { InventoryRouter, type PartitionView } from './inventory-router.js';
import { ResilientUpstream, type UpstreamDeps } from './resilient-upstream.js';

/**
 * Picks which instance of an upstream serves a request. Most services sit behind one address
 * (FixedUpstream); a resolver may pick per request instead — e.g. inventory by the SKU's
 * partition — each instance with its own breaker and bulkhead.
 */
/** What a resolver may look at: the request's method, path and query, and its parsed body. */
export interface ResolvableRequest {
  method: string;
  url: string;
  body?: unknown;
}

export interface UpstreamResolver {
  /** Undefined when no instance can serve it right now (the edge answers 503). */
  resolve(request: ResolvableRequest): ResilientUpstream | undefined;
  /** Every instance it may pick, for metrics and shutdown. */
  instances(): readonly ResilientUpstream[];
}

export class FixedUpstream implements UpstreamResolver {
  constructor(private readonly upstream: ResilientUpstream) {}

  resolve(): ResilientUpstream {
    return this.upstream;
  }

  instances(): readonly ResilientUpstream[] {
    return [this.upstream];
  }
}

/** By upstream name, as route entries name them. */
export type Upstreams = Record<string, UpstreamResolver>;

/**
 * Routes each inventory request to the instance that owns its SKU's partition (partition-sticky
 * routing); each instance gets its own breaker and bulkhead, created on first use.
 */
export class PartitionedUpstream implements UpstreamResolver {
  private readonly byUrl = new Map<string, ResilientUpstream>();

  constructor(
    private readonly name: string,
    private readonly router: InventoryRouter,
    private readonly options: UpstreamConfig,
    private readonly deps: UpstreamDeps,
  ) {}

  resolve(request: ResolvableRequest): ResilientUpstream | undefined {
    // With no live instance in the registry (none started, or Redis down) the configured address
    // is the best guess; the instance's own fencing keeps a wrong guess safe.
    const url = this.router.baseUrlFor({ method: request.method, path: request.url, body: request.body }) ?? this.options.url;
    let upstream = this.byUrl.get(url);
    if (!upstream) {
      upstream = ResilientUpstream.create(this.name, { ...this.options, url }, this.deps);
      this.byUrl.set(url, upstream);
    }
    return upstream;
  }

  instances(): readonly ResilientUpstream[] {
    return [...this.byUrl.values()];
  }
}

/**
 * One resolver per configured upstream. Inventory, when a partition view is given, is routed by
 * partition; every other upstream sits behind one address.
 */
export function createUpstreams(config: GatewayConfig, deps: UpstreamDeps, inventoryView?: PartitionView): Upstreams {
  const upstreams: Upstreams = {};
  for (const [name, options] of Object.entries(config.upstreams)) {
    upstreams[name] =
      name === 'inventory' && inventoryView
        ? new PartitionedUpstream(name, new InventoryRouter(inventoryView), options, deps)
        : new FixedUpstream(ResilientUpstream.create(name, options, deps));
  }
  return upstreams;
}

export async function closeUpstreams(upstreams: Upstreams): Promise<void> {
  await Promise.all(Object.values(upstreams).flatMap((r) => r.instances().map((u) => u.close())));
}
