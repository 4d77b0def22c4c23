import type { RedisClient } from '@shop/messaging/redis';
import { z } from 'zod';
import { Image, Money } from '@shop/contracts';
import type { CartStore } from '../application/cart-store.js';
import type { CartLineRecord, CartMeta, CartState } from '../domain/cart.js';

/**
 * Compare-and-set of one cart hash: applies the change only if the stored version is the one the
 * change was computed from (0 = the cart must not exist yet), then pushes the expiry back.
 * KEYS[1] the cart hash. ARGV: expected version, TTL seconds, new meta JSON, n, then n line
 * fields to delete, then field/value pairs to set. One key, so it runs on Redis Cluster too.
 */
const SAVE_CART = `
local meta = redis.call('HGET', KEYS[1], 'meta')
local version = 0
if meta then version = tonumber(cjson.decode(meta)['version']) end
if version ~= tonumber(ARGV[1]) then return 0 end
local deletes = tonumber(ARGV[4])
if deletes > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 5, 4 + deletes)) end
redis.call('HSET', KEYS[1], 'meta', ARGV[3], unpack(ARGV, 5 + deletes))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

/**
 * Points a customer's index at a cart only if it still points where the caller saw it ('' = nowhere),
 * so two concurrent "first carts" of one customer cannot both win.
 * KEYS[1] the index. ARGV: cart id, the id expected now, TTL seconds.
 */
const BIND_CUSTOMER = `
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1
`;

interface CartCommands {
  cartSave(key: string, ...args: Array<string | number>): Promise<number>;
  cartBindCustomer(key: string, cartId: string, expected: string, ttlSeconds: number): Promise<number>;
}

const META_FIELD = 'meta';

const StoredMeta = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  currency: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  mergedFrom: z.array(z.string()),
  mergingFor: z.string().nullable(),
  // Carts saved before coupons existed have none.
  couponCode: z.string().nullable().default(null),
  // Carts saved before checkouts emptied them have none.
  purchasedBy: z.array(z.string()).default([]),
});

const StoredLine = z.object({
  sku: z.string(),
  quantity: z.number().int(),
  unitPrice: Money,
  productId: z.string(),
  productSlug: z.string(),
  productTitle: z.string(),
  title: z.string(),
  attributes: z.record(z.string(), z.string()),
  image: Image.nullable(),
  addedAt: z.string(),
  pricedAt: z.string(),
});

/**
 * Carts in Redis: one hash per cart, `<prefix>cart:{<cartId>}`, with a `meta` field (JSON) and
 * one field per SKU (JSON line; SKUs are upper-case, so never `meta`), plus a customer index
 * `<prefix>cart:customer:{<customerId>}` → cart id. Both expire after the configured inactivity;
 * every change pushes the expiry back.
 */
export class RedisCartStore implements CartStore {
  private readonly commands: CartCommands;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    redis.defineCommand('cartSave', { numberOfKeys: 1, lua: SAVE_CART });
    redis.defineCommand('cartBindCustomer', { numberOfKeys: 1, lua: BIND_CUSTOMER });
    this.commands = redis as unknown as CartCommands;
  }

  cartKey(cartId: string): string {
    return `${this.prefix}cart:{${cartId}}`;
  }

  customerKey(customerId: string): string {
    return `${this.prefix}cart:customer:{${customerId}}`;
  }

  async load(cartId: string): Promise<CartState | null> {
    const fields = await this.redis.hgetall(this.cartKey(cartId));
    const meta = fields[META_FIELD];
    if (meta === undefined) return null;
    const lines: CartLineRecord[] = [];
    for (const [field, value] of Object.entries(fields)) {
      if (field !== META_FIELD) lines.push(StoredLine.parse(JSON.parse(value)));
    }
    lines.sort((a, b) => (a.addedAt === b.addedAt ? a.sku.localeCompare(b.sku) : a.addedAt.localeCompare(b.addedAt)));
    return { meta: StoredMeta.parse(JSON.parse(meta)), lines };
  }

  /**
   * Saves `next`, computed from `previous` (null: a new cart). Resolves to the saved cart (its
   * version bumped), or null when someone else changed or deleted the cart since `previous` was
   * read: the caller reloads and tries again.
   */
  async save(previous: CartState | null, next: CartState): Promise<CartState | null> {
    const expected = previous?.meta.version ?? 0;
    const meta: CartMeta = { ...next.meta, version: expected + 1 };
    const before = new Map((previous?.lines ?? []).map((l) => [l.sku, JSON.stringify(l)]));
    const after = new Map(next.lines.map((l) => [l.sku, JSON.stringify(l)]));
    const deletes = [...before.keys()].filter((sku) => !after.has(sku));
    const sets = [...after].filter(([sku, json]) => before.get(sku) !== json).flat();
    const key = this.cartKey(next.meta.id);
    const saved = await this.commands.cartSave(key, expected, this.ttlSeconds, JSON.stringify(meta), deletes.length, ...deletes, ...sets);
    if (saved !== 1) return null;
    if (meta.customerId !== null) await this.redis.expire(this.customerKey(meta.customerId), this.ttlSeconds);
    return { meta, lines: next.lines };
  }

  async delete(cartId: string): Promise<void> {
    await this.redis.del(this.cartKey(cartId));
  }

  async customerCartId(customerId: string): Promise<string | null> {
    return this.redis.get(this.customerKey(customerId));
  }

  /** Points the customer's index at `cartId` if it still points at `expected` (null: at nothing). */
  async bindCustomer(customerId: string, cartId: string, expected: string | null): Promise<boolean> {
    return (await this.commands.cartBindCustomer(this.customerKey(customerId), cartId, expected ?? '', this.ttlSeconds)) === 1;
  }
}
