import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '@shop/messaging/redis';
import type { InstanceInfo } from './domain/instance-info.js';
import { errorMessage, type LibraryLogger as PartitioningLogger, silentLogger } from '@shop/observability';
import { RedisScript } from './redis-script.js';
import { type RegistryKeys, registryKeys } from './registry-keys.js';

// Expiry is Redis server time (TIME inside the script), never the caller's clock, so clock skew
// between hosts cannot make an instance look live or dead. Redis 5+ replicates script effects, so
// TIME is allowed in a writing script.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: instances, urls. ARGV: id, url, ttlMs. Returns 1 when the instance was not live before
 * (first registration, or back after expiring), else 0. Also prunes a few expired instances so
 * crashed ones do not accumulate.
 */
const HEARTBEAT = new RedisScript(`${NOW}
local previous = redis.call('ZSCORE', KEYS[1], ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now), 'LIMIT', 0, 100)
for _, id in ipairs(expired) do
  if id ~= ARGV[1] then
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
  end
end
redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[3])), ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if previous and tonumber(previous) > now then return 0 end
return 1`);

/** KEYS: instances, urls. Returns [id1, url1, id2, url2, …] of the unexpired instances. */
const LIVE = new RedisScript(`${NOW}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. string.format('%d', now), '+inf')
local out = {}
if #ids == 0 then return out end
local urls = redis.call('HMGET', KEYS[2], unpack(ids))
for i, id in ipairs(ids) do
  if urls[i] then
    out[#out + 1] = id
    out[#out + 1] = urls[i]
  end
end
return out`);

export const DEFAULT_HEARTBEAT_MS = 1_000;
export const DEFAULT_TTL_MS = 3_000;

export interface InstanceRegistryOptions {
  /** A connection the caller owns (and quits). Do not set ioredis `keyPrefix` on it. */
  redis: RedisClient;
  /** Prefix of every key (per deployment, per test run). */
  prefix: string;
  /** Which service's instances this registry holds. Default `inventory`. */
  service?: string;
  /** Time between the end of one heartbeat and the start of the next. Default 1000 ms. */
  heartbeatMs?: number;
  /** An instance not heard from for this long is dead. Must exceed `heartbeatMs`. Default 3000 ms. */
  ttlMs?: number;
  logger?: PartitioningLogger;
}

export interface InstanceRegistration {
  id: string;
  url: string;
  /** Optional; must equal the registry's service when given. */
  service?: string;
}

/** Anything that lists the live instances of a service (the registry; a fixed list in unit tests). */
export interface LiveInstanceSource {
  liveInstances(): Promise<readonly InstanceInfo[]>;
}

interface Heartbeat {
  self: InstanceInfo;
  stop: AbortController;
  loop: Promise<void>;
}

/**
 * The live instances of one service, in Redis: a sorted set of instance id → expiry (Redis time)
 * and a hash of id → URL, both under the hash tag `{partitions:<service>}`. An instance registers,
 * then heartbeats (pushing its expiry `ttlMs` ahead); a crashed instance simply stops and
 * disappears from `liveInstances()` once its expiry passes, with no cleanup needed. `deregister()`
 * removes it at once, so its partitions are handed over without waiting for the TTL.
 */
export class InstanceRegistry implements LiveInstanceSource {
  readonly service: string;
  readonly keys: RegistryKeys;
  readonly heartbeatMs: number;
  readonly ttlMs: number;
  private readonly redis: RedisClient;
  private readonly logger: PartitioningLogger;
  private heartbeat: Heartbeat | undefined;
  private failingSince: number | undefined;
  private failures = 0;

  constructor(options: InstanceRegistryOptions) {
    this.redis = options.redis;
    this.service = options.service ?? 'inventory';
    this.keys = registryKeys(options.prefix, this.service);
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.logger = options.logger ?? silentLogger;
    if (!(this.heartbeatMs > 0) || !(this.ttlMs > this.heartbeatMs)) {
      throw new RangeError(`need 0 < heartbeatMs < ttlMs, got heartbeatMs=${this.heartbeatMs} ttlMs=${this.ttlMs}`);
    }
  }

  /** The instance this registry heartbeats for, while registered. */
  get registered(): InstanceInfo | undefined {
    return this.heartbeat?.self;
  }

  /**
   * Makes the instance live (the first heartbeat is awaited and its failure thrown), then keeps it
   * live with a heartbeat every `heartbeatMs` until `deregister()`/`stop()`. Ids must be unique per
   * running process: two processes with one id would look like one instance.
   */
  async register(instance: InstanceRegistration): Promise<void> {
    if (this.heartbeat) throw new Error(`already registered as ${this.heartbeat.self.id}`);
    if (instance.service !== undefined && instance.service !== this.service) {
      throw new Error(`this registry holds ${this.service} instances, not ${instance.service}`);
    }
    if (instance.id.length === 0 || instance.url.length === 0) throw new Error('instance id and url must not be empty');
    const self: InstanceInfo = { id: instance.id, url: instance.url, service: this.service };
    await this.beat(self);
    const stop = new AbortController();
    this.heartbeat = { self, stop, loop: this.heartbeatLoop(self, stop.signal) };
    this.logger.info({ instanceId: self.id, url: self.url, service: this.service }, 'instance registered');
  }

  /** Stops heartbeating and removes the instance at once (graceful handover). No-op when not registered. */
  async deregister(): Promise<void> {
    const heartbeat = this.heartbeat;
    if (!heartbeat) return;
    this.heartbeat = undefined;
    heartbeat.stop.abort();
    // A heartbeat still in flight would re-add the instance after the removal: wait for it.
    await heartbeat.loop;
    await this.redis.multi().zrem(this.keys.instances, heartbeat.self.id).hdel(this.keys.urls, heartbeat.self.id).exec();
    this.logger.info({ instanceId: heartbeat.self.id, service: this.service }, 'instance deregistered');
  }

  /** Same as `deregister()`; for shutdown hook lists. */
  stop(): Promise<void> {
    return this.deregister();
  }

  /** The unexpired instances of the service, sorted by id. */
  async liveInstances(): Promise<InstanceInfo[]> {
    const reply = await LIVE.run(this.redis, [this.keys.instances, this.keys.urls], []);
    if (!Array.isArray(reply)) throw new Error(`unexpected registry reply: ${String(reply)}`);
    const instances: InstanceInfo[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) {
      instances.push({ id: String(reply[i]), url: String(reply[i + 1]), service: this.service });
    }
    return instances.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private async beat(self: InstanceInfo): Promise<boolean> {
    const reply = await HEARTBEAT.run(this.redis, [this.keys.instances, this.keys.urls], [self.id, self.url, this.ttlMs]);
    return reply === 1;
  }

  /** One heartbeat at a time: the next is scheduled only after the previous one settled. */
  private async heartbeatLoop(self: InstanceInfo, signal: AbortSignal): Promise<void> {
    let lastStart = Date.now();
    for (;;) {
      try {
        await sleep(Math.max(0, this.heartbeatMs - (Date.now() - lastStart)), undefined, { signal });
      } catch {
        return; // aborted
      }
      lastStart = Date.now();
      try {
        const wasDead = await this.beat(self);
        if (signal.aborted) return;
        this.onBeatSucceeded(self, wasDead);
      } catch (error) {
        if (signal.aborted) return;
        this.onBeatFailed(self, error);
      }
    }
  }

  private onBeatSucceeded(self: InstanceInfo, wasDead: boolean): void {
    if (this.failingSince !== undefined) {
      this.logger.info({ instanceId: self.id, failures: this.failures }, 'heartbeat recovered');
      this.failingSince = undefined;
      this.failures = 0;
    }
    if (wasDead) {
      // Other processes saw this instance dead and may have taken its partitions over meanwhile.
      this.logger.warn({ instanceId: self.id, ttlMs: this.ttlMs }, 'instance had expired from the registry; live again');
    }
  }

  private onBeatFailed(self: InstanceInfo, error: unknown): void {
    this.failures += 1;
    this.failingSince ??= Date.now();
    const failingForMs = Date.now() - this.failingSince;
    const fields = { instanceId: self.id, failures: this.failures, failingForMs, error: errorMessage(error) };
    // Logged on the first failure, then about once per TTL, so an outage does not flood the log.
    if (this.failures === 1) this.logger.error(fields, 'heartbeat failed; retrying');
    else if (this.failures % Math.max(1, Math.round(this.ttlMs / this.heartbeatMs)) === 0) {
      this.logger.error(fields, failingForMs >= this.ttlMs ? 'heartbeat still failing; others now see this instance as dead' : 'heartbeat still failing');
    }
  }
}
