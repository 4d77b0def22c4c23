import type { RedisClient } from '@shop/messaging';
import type { FlashSaleStatus } from '@shop/contracts';
import type { FigureChange, SaleDefinition } from '../domain/event-figures.js';
import type { BucketCounts } from '../domain/figures.js';
import { bucketStart, MINUTE_BUCKET_TTL_SECONDS, MINUTE_MS, SECOND_BUCKET_TTL_SECONDS, SECOND_MS } from '../domain/time-buckets.js';

/** How long an event id is remembered as counted (longer than any redelivery or replay of a stream). */
const SEEN_TTL_SECONDS = 8 * 24 * 3600;
/** How long a closed hold is remembered, so a late "reserved" cannot reopen it. */
const CLOSED_HOLD_TTL_SECONDS = 24 * 3600;

/**
 * Applies an event's changes at most once: the event id is claimed (SET NX) and every change
 * applied in the same script, so a crash cannot count half an event, and a redelivery counts
 * nothing. Sold-out and back-in-stock keep the latest by event time whatever the order.
 * Every key carries the `{analytics}` hash tag: one slot, so the script also runs on a cluster.
 */
const APPLY_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) == false then return 0 end
local ops = cjson.decode(ARGV[2])
for _, op in ipairs(ops) do
  local c = op[1]
  if c == 'incr' then
    redis.call('HINCRBY', op[2], op[3], op[4])
    redis.call('EXPIRE', op[2], op[5])
  elseif c == 'hold' then
    if redis.call('EXISTS', op[5]) == 0 then redis.call('HSET', op[2], op[3], op[4]) end
  elseif c == 'unhold' then
    redis.call('HDEL', op[2], op[3])
    redis.call('SET', op[4], '1', 'EX', op[5])
  elseif c == 'soldout' then
    local back = tonumber(redis.call('HGET', op[4], op[3]) or '0')
    local since = tonumber(redis.call('ZSCORE', op[2], op[3]) or '0')
    if tonumber(op[5]) > back and tonumber(op[5]) > since then redis.call('ZADD', op[2], op[5], op[3]) end
  elseif c == 'instock' then
    local back = tonumber(redis.call('HGET', op[4], op[3]) or '0')
    if tonumber(op[5]) > back then
      redis.call('HSET', op[4], op[3], op[5])
      local since = redis.call('ZSCORE', op[2], op[3])
      if since and tonumber(since) <= tonumber(op[5]) then redis.call('ZREM', op[2], op[3]) end
    end
  elseif c == 'hset' then
    redis.call('HSET', op[2], op[3], op[4])
  end
end
return 1
`;

type Op = (string | number)[];

/** The keys of the aggregates under one Redis prefix. */
export class FigureKeys {
  private readonly base: string;
  constructor(prefix: string) {
    this.base = `${prefix}{analytics}`;
  }
  seen = (eventId: string) => `${this.base}:seen:${eventId}`;
  minute = (at: number) => `${this.base}:m:${at}`;
  second = (at: number) => `${this.base}:s:${at}`;
  skuMinute = (sku: string, at: number) => `${this.base}:sku:${sku}:m:${at}`;
  holds = (sku: string) => `${this.base}:holds:${sku}`;
  closedHold = (reservationId: string, sku: string) => `${this.base}:closed:${reservationId}:${sku}`;
  readonly soldOut = () => `${this.base}:sold-out`;
  readonly backInStock = () => `${this.base}:back-in-stock`;
  sale = (id: string) => `${this.base}:sale:${id}`;
  readonly counters = () => `${this.base}:counters`;
}

/** A sale as stored: its definition and when it reached each status. */
export interface StoredSale {
  sale: SaleDefinition;
  reached: Partial<Record<FlashSaleStatus, number>>;
}

/** The analytics aggregates in Redis: written by the consumers and pollers, read by the dashboards. */
export class FigureStore {
  readonly keys: FigureKeys;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new FigureKeys(prefix);
  }

  /** Applies an event's changes unless the event was already counted; true when it was applied now. */
  async applyOnce(eventId: string, changes: readonly FigureChange[]): Promise<boolean> {
    const ops = changes.flatMap((change) => this.opsOf(change));
    const applied = await this.redis.eval(APPLY_ONCE, 1, this.keys.seen(eventId), SEEN_TTL_SECONDS, JSON.stringify(ops));
    return applied === 1;
  }

  private opsOf(change: FigureChange): Op[] {
    const k = this.keys;
    switch (change.kind) {
      case 'count': {
        const ops: Op[] = [['incr', k.minute(bucketStart(change.at, MINUTE_MS)), change.figure, change.by, MINUTE_BUCKET_TTL_SECONDS]];
        if (change.perSecond) ops.push(['incr', k.second(bucketStart(change.at, SECOND_MS)), change.figure, change.by, SECOND_BUCKET_TTL_SECONDS]);
        return ops;
      }
      case 'sku-count':
        return [['incr', k.skuMinute(change.sku, bucketStart(change.at, MINUTE_MS)), change.figure, change.by, MINUTE_BUCKET_TTL_SECONDS]];
      case 'hold-opened':
        return [['hold', k.holds(change.sku), change.reservationId, JSON.stringify({ customerId: change.customerId, quantity: change.quantity }), k.closedHold(change.reservationId, change.sku)]];
      case 'hold-closed':
        return [['unhold', k.holds(change.sku), change.reservationId, k.closedHold(change.reservationId, change.sku), CLOSED_HOLD_TTL_SECONDS]];
      case 'sold-out':
        return [['soldout', k.soldOut(), change.sku, k.backInStock(), String(change.at)]];
      case 'back-in-stock':
        return [['instock', k.soldOut(), change.sku, k.backInStock(), String(change.at)]];
      case 'sale':
        return [
          ['hset', k.sale(change.sale.flashSaleId), 'definition', JSON.stringify(change.sale)],
          ['hset', k.sale(change.sale.flashSaleId), `status:${change.status}`, String(change.at)],
        ];
    }
  }

  /**
   * Adds what polled counters grew by since their last reading to the minute bucket of `at`,
   * and remembers the readings (so a restart continues from them).
   */
  async addCounterReadings(readings: readonly { key: string; figure: string; value: number }[], at: number, increase: (previous: number | undefined, current: number) => number): Promise<void> {
    if (readings.length === 0) return;
    const previous = await this.redis.hmget(this.keys.counters(), ...readings.map((r) => r.key));
    const bucket = this.keys.minute(bucketStart(at, MINUTE_MS));
    const multi = this.redis.multi();
    readings.forEach((reading, i) => {
      const last = previous[i];
      const grown = increase(last === null || last === undefined ? undefined : Number(last), reading.value);
      multi.hset(this.keys.counters(), reading.key, String(reading.value));
      if (grown > 0) multi.hincrby(bucket, reading.figure, grown).expire(bucket, MINUTE_BUCKET_TTL_SECONDS);
    });
    await multi.exec();
  }

  /** Counters of each bucket (minute or second keys), in the order asked. */
  async buckets(keys: readonly string[]): Promise<BucketCounts[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, value]) => {
      if (error) throw error;
      return Object.fromEntries(Object.entries((value ?? {}) as Record<string, string>).map(([name, n]) => [name, Number(n)]));
    });
  }

  async soldOut(): Promise<{ sku: string; since: number }[]> {
    const flat = await this.redis.zrange(this.keys.soldOut(), '0', '-1', 'WITHSCORES');
    const entries: { sku: string; since: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ sku: flat[i]!, since: Number(flat[i + 1]) });
    return entries;
  }

  async holds(sku: string): Promise<{ customerId: string | null; quantity: number }[]> {
    const all = await this.redis.hvals(this.keys.holds(sku));
    return all.map((raw) => JSON.parse(raw) as { customerId: string | null; quantity: number });
  }

  async sale(id: string): Promise<StoredSale | null> {
    const fields = await this.redis.hgetall(this.keys.sale(id));
    if (!fields.definition) return null;
    const reached: Partial<Record<FlashSaleStatus, number>> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith('status:')) reached[name.slice('status:'.length) as FlashSaleStatus] = Number(value);
    }
    return { sale: JSON.parse(fields.definition) as SaleDefinition, reached };
  }

  async streamLength(key: string): Promise<number> {
    return this.redis.xlen(key);
  }
}
