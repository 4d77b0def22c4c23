import type { RedisClient } from '@shop/messaging';
import { Cluster } from 'ioredis';
import type { PricingChangeSignal } from '../application/pricing-rules.js';

export interface RedisChangeSignalsOptions {
  /** How often every counter is read anyway, in case an announcement was missed (ms). */
  pollMs?: number;
}

/**
 * The change counters every pricing instance shares: one Redis key each, bumped after a write
 * commits and announced on a channel. While this instance's subscription is up, a quote reads the
 * counter from memory (no Redis round trip on the hot path); the other instances see a change as
 * soon as its announcement arrives (milliseconds), the writing instance at once. While the
 * subscription is down (Redis away, reconnecting) every read goes to Redis, so an outage makes the
 * caches bypass themselves rather than serve stale prices. A periodic read of every counter covers
 * an announcement lost between a bump and its publish.
 */
export class RedisChangeSignals {
  private readonly counters = new Map<string, WatchedCounter>();
  private subscriber: RedisClient | null = null;
  private poll: NodeJS.Timeout | null = null;
  private watching = false;
  /** Moves each time the subscription is (re)established, so the caches start over after a gap. */
  private epoch = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly options: RedisChangeSignalsOptions = {},
  ) {}

  /** The counter named `name` (its key is `<prefix><name>`); ask for every counter before start(). */
  signal(name: string): PricingChangeSignal {
    if (this.subscriber) throw new Error('RedisChangeSignals: every signal is created before start()');
    const key = `${this.prefix}${name}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = new WatchedCounter(this.redis, key, () => this.watching, () => this.epoch);
      this.counters.set(key, counter);
    }
    return counter;
  }

  /** Subscribes in the background; until the subscription is up, reads go to Redis. */
  start(): void {
    const settings = { autoResubscribe: false, commandTimeout: undefined, maxRetriesPerRequest: null };
    // On a cluster, the per-node settings go in redisOptions (messages are broadcast to every node).
    const subscriber =
      this.redis instanceof Cluster
        ? this.redis.duplicate([], { enableOfflineQueue: true, redisOptions: settings })
        : this.redis.duplicate({ ...settings, enableOfflineQueue: true });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => this.counters.get(channel)?.saw(Number(message)));
    const lost = () => {
      this.watching = false;
      for (const counter of this.counters.values()) counter.forget();
    };
    subscriber.on('close', lost);
    subscriber.on('ready', () => {
      // Subscribe first, then read: a bump between the two is either in the read or announced.
      subscriber
        .subscribe(...this.counters.keys())
        .then(() => this.readAll(true))
        .then(() => {
          this.epoch++;
          this.watching = subscriber.status === 'ready';
        })
        .catch(lost);
    });
    this.poll = setInterval(() => {
      if (this.watching) this.readAll().catch(() => undefined);
    }, this.options.pollMs ?? 1_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.watching = false;
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  /** Reads every counter; `afresh` takes the values as they are (Redis may have restarted empty). */
  private async readAll(afresh = false): Promise<void> {
    const keys = [...this.counters.keys()];
    if (keys.length === 0) return;
    // One GET per counter, not MGET: on a cluster the counters live in different slots.
    const values = await Promise.all(keys.map((key) => this.redis.get(key)));
    keys.forEach((key, i) => {
      const counter = this.counters.get(key)!;
      if (afresh) counter.forget();
      counter.saw(Number(values[i] ?? 0));
    });
  }
}

/** One counter; its key doubles as its announcement channel. */
class WatchedCounter implements PricingChangeSignal {
  /** The highest value seen while watching; null when not known from the subscription. */
  private known: number | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly watching: () => boolean,
    private readonly epoch: () => number,
  ) {}

  async current(): Promise<string> {
    if (this.known !== null && this.watching()) return `${this.epoch()}:${this.known}`;
    const value = Number((await this.redis.get(this.key)) ?? 0);
    if (this.watching()) this.saw(value);
    return `${this.epoch()}:${value}`;
  }

  async bump(): Promise<void> {
    const value = await this.redis.incr(this.key);
    this.saw(value);
    await this.redis.publish(this.key, String(value));
  }

  /** Values only grow: an older announcement arriving late changes nothing. */
  saw(value: number): void {
    if (Number.isFinite(value) && (this.known === null || value > this.known)) this.known = value;
  }

  forget(): void {
    this.known = null;
  }
}
