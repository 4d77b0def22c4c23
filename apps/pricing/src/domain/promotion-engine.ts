import { moneyText, type AppliedDiscount, type Money, type PromotionBenefit, type PromotionTarget } from '@shop/contracts';
import type { CouponRule } from './coupon-rule.js';
import { percentOf, spreadProportionally } from './money-split.js';
import { isOpenAt, nextBoundaryAfter } from './windows.js';

/**
 * The promotion engine: which promotions apply to a quote's lines, in which order, and what each
 * takes off. The stacking rules (libs/contracts/src/pricing/promotions.ts, docs/pricing.md):
 * - promotions run by `priority` (highest first; ties: oldest first, then id);
 * - an exclusive promotion applies only to lines no promotion has discounted yet (a cart-wide one
 *   only when nothing is discounted), and once applied nothing else applies to those lines;
 * - a non-exclusive promotion stacks on what came before, computed on what is left of each line;
 * - the coupon applies last, on what is left of the lines no exclusive promotion took;
 * - a line never goes below zero (every discount is capped at what is left).
 * Promotions are looked up by SKU, product, category and "cart" in an index built once per
 * change of the promotions, never scanned per quote.
 */

export interface PromotionRule {
  id: string;
  name: string;
  target: PromotionTarget;
  benefit: PromotionBenefit;
  /** The cart's subtotal (before discounts) must reach this for the promotion to qualify. */
  minSubtotal: Money | null;
  startsAt: Date | null;
  endsAt: Date | null;
  priority: number;
  exclusive: boolean;
  active: boolean;
  createdAt: Date;
}

interface IndexedPromotion {
  readonly rule: PromotionRule;
  /** Position in the stacking order (0 runs first). */
  readonly rank: number;
  /** The reason in words, made once. */
  readonly reason: string;
}

export class PromotionIndex {
  /**
   * Scratch of `candidates` (one quote at a time: it is synchronous): the call that last reached
   * each promotion, by rank, and the lines it targets. Reused so a quote allocates little.
   */
  private readonly reachedBy: Uint32Array;
  private readonly linesOf: number[][];
  private call = 0;

  private constructor(
    private readonly byRank: readonly IndexedPromotion[],
    private readonly bySku: ReadonlyMap<string, readonly IndexedPromotion[]>,
    private readonly byProduct: ReadonlyMap<string, readonly IndexedPromotion[]>,
    private readonly byCategory: ReadonlyMap<string, readonly IndexedPromotion[]>,
    private readonly cartWide: readonly IndexedPromotion[],
  ) {
    this.reachedBy = new Uint32Array(byRank.length);
    this.linesOf = new Array<number[]>(byRank.length);
  }

  static readonly empty = PromotionIndex.build([]);

  /** How many promotions the index holds. */
  get size(): number {
    return this.byRank.length;
  }

  /** Indexes the active promotions (inactive ones are left out; windows are checked per quote). */
  static build(rules: Iterable<PromotionRule>): PromotionIndex {
    const ordered = [...rules].filter((r) => r.active).sort(stackingOrder);
    const byRank: IndexedPromotion[] = [];
    const bySku = new Map<string, IndexedPromotion[]>();
    const byProduct = new Map<string, IndexedPromotion[]>();
    const byCategory = new Map<string, IndexedPromotion[]>();
    const cartWide: IndexedPromotion[] = [];
    const push = (map: Map<string, IndexedPromotion[]>, key: string, entry: IndexedPromotion) => {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    };
    ordered.forEach((rule, rank) => {
      const entry: IndexedPromotion = { rule, rank, reason: promotionReason(rule) };
      byRank.push(entry);
      const target = rule.target;
      if (target.kind === 'sku') for (const sku of new Set(target.skus)) push(bySku, sku, entry);
      else if (target.kind === 'product') for (const id of new Set(target.productIds)) push(byProduct, id, entry);
      else if (target.kind === 'category') for (const id of new Set(target.categoryIds)) push(byCategory, id, entry);
      else cartWide.push(entry);
    });
    return new PromotionIndex(byRank, bySku, byProduct, byCategory, cartWide);
  }

  /**
   * The promotions that target any of these lines, in stacking order, each with the positions
   * of the lines it targets (every line for a cart-wide one).
   */
  candidates(lines: readonly EngineLine[]): Array<{ promotion: IndexedPromotion; lines: number[] }> {
    // A new stamp per call; when the counter wraps, the scratch starts over.
    if (++this.call === 0xffffffff) {
      this.reachedBy.fill(0);
      this.call = 1;
    }
    const call = this.call;
    const ranks: number[] = [];
    const add = (list: readonly IndexedPromotion[] | undefined, line: number) => {
      if (!list) return;
      for (const entry of list) {
        const rank = entry.rank;
        if (this.reachedBy[rank] !== call) {
          this.reachedBy[rank] = call;
          this.linesOf[rank] = [line];
          ranks.push(rank);
        } else {
          const targeted = this.linesOf[rank]!;
          // A line reaches a promotion once even through two of its categories.
          if (targeted[targeted.length - 1] !== line) targeted.push(line);
        }
      }
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      add(this.bySku.get(line.sku), i);
      add(this.byProduct.get(line.productId), i);
      for (const category of line.categoryIds) add(this.byCategory.get(category), i);
    }
    let all: number[] | null = null;
    for (const entry of this.cartWide) {
      all ??= lines.map((_, i) => i);
      this.reachedBy[entry.rank] = call;
      this.linesOf[entry.rank] = all;
      ranks.push(entry.rank);
    }
    ranks.sort((a, b) => a - b);
    const out = new Array<{ promotion: IndexedPromotion; lines: number[] }>(ranks.length);
    for (let k = 0; k < ranks.length; k++) out[k] = { promotion: this.byRank[ranks[k]!]!, lines: this.linesOf[ranks[k]!]! };
    return out;
  }
}

function stackingOrder(a: PromotionRule, b: PromotionRule): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const age = a.createdAt.getTime() - b.createdAt.getTime();
  if (age !== 0) return age;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A line as the engine prices it: its unit price is already resolved (price-resolution.ts). */
export interface EngineLine {
  sku: string;
  productId: string;
  /** With every ancestor. */
  categoryIds: readonly string[];
  quantity: number;
  /** Minor units in the quote's currency. */
  unitPrice: number;
}

export interface EngineOptions {
  atMs: number;
  currency: string;
  /** A coupon the caller already checked with couponRefusal (the engine only computes it). */
  coupon?: CouponRule | null;
  /** The shipping fee before discounts, minor units. */
  shippingFee: number;
}

export interface EngineLineResult {
  discounts: AppliedDiscount[];
  /** unitPrice × quantity − discounts. */
  total: number;
}

export interface EngineResult {
  lines: EngineLineResult[];
  /** Cart-wide promotions and the coupon, whole; their shares are also in the lines' discounts. */
  cartDiscounts: AppliedDiscount[];
  shipping: { amount: number; discounts: AppliedDiscount[]; total: number };
  subtotal: number;
  /** Every line discount (cart-wide shares included) and shipping discount. */
  discountTotal: number;
  total: number;
  /** The next instant (epoch ms) a promotion (or the coupon) that could apply opens or closes; Infinity when none. */
  nextChangeMs: number;
  /** Whether the coupon took anything off (a coupon that gives nothing is "not applicable"). */
  couponApplied: boolean;
}

/** Prices `lines` with the promotions of `index` and the coupon, by the stacking rules above. */
export function quoteLines(index: PromotionIndex, lines: readonly EngineLine[], options: EngineOptions): EngineResult {
  const { atMs, currency } = options;
  const n = lines.length;
  const remaining = new Array<number>(n);
  const touched = new Uint8Array(n);
  const locked = new Uint8Array(n);
  const results: EngineLineResult[] = new Array(n);
  let subtotal = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    remaining[i] = line.unitPrice * line.quantity;
    subtotal += remaining[i]!;
    results[i] = { discounts: [], total: 0 };
  }
  const cartDiscounts: AppliedDiscount[] = [];
  const shippingDiscounts: AppliedDiscount[] = [];
  let shippingLeft = options.shippingFee;
  let shippingLocked = false;
  let anyDiscount = false;
  let nextChangeMs = Infinity;
  const shares = new Array<number>(n);

  for (const { promotion, lines: targeted } of index.candidates(lines)) {
    const rule = promotion.rule;
    nextChangeMs = Math.min(nextChangeMs, nextBoundaryAfter(rule, atMs));
    if (!isOpenAt(rule, atMs)) continue;
    if (rule.minSubtotal && (rule.minSubtotal.currency !== currency || subtotal < rule.minSubtotal.amount)) continue;
    const benefit = rule.benefit;
    const cartWide = rule.target.kind === 'cart';

    if (benefit.kind === 'free_shipping') {
      if (shippingLocked || shippingLeft <= 0) continue;
      shippingDiscounts.push(discount('promotion', rule.id, rule.name, promotion.reason, shippingLeft));
      shippingLeft = 0;
      if (rule.exclusive) shippingLocked = true;
      continue;
    }
    if (benefit.kind === 'amount_off' && benefit.amount.currency !== currency) continue;

    // Which targeted lines this promotion may still discount.
    if (rule.exclusive && cartWide && anyDiscount) continue;
    const eligible: number[] = [];
    for (const i of targeted) {
      if (locked[i] || (rule.exclusive && touched[i]) || remaining[i]! <= 0) continue;
      eligible.push(i);
    }
    if (eligible.length === 0) continue;

    for (const i of eligible) shares[i] = 0;
    computeShares(benefit, cartWide, eligible, lines, remaining, shares);

    let given = 0;
    for (const i of eligible) {
      const amount = shares[i]!;
      if (amount <= 0) continue;
      given += amount;
      remaining[i] = remaining[i]! - amount;
      touched[i] = 1;
      if (rule.exclusive) locked[i] = 1;
      results[i]!.discounts.push(discount('promotion', rule.id, rule.name, cartWide ? `${promotion.reason} (this line's share)` : promotion.reason, amount));
    }
    if (given === 0) continue;
    anyDiscount = true;
    if (cartWide) {
      cartDiscounts.push(discount('promotion', rule.id, rule.name, promotion.reason, given));
      if (rule.exclusive) locked.fill(1);
    }
  }

  const coupon = options.coupon ?? null;
  let couponApplied = false;
  if (coupon) {
    if (coupon.endsAt) nextChangeMs = Math.min(nextChangeMs, nextBoundaryAfter({ startsAt: null, endsAt: coupon.endsAt }, atMs));
    const label = `Coupon ${coupon.code}`;
    const reason = couponReason(coupon);
    const d = coupon.discount;
    if ('freeShipping' in d) {
      // Recorded even when shipping is already free: the shopper asked for it and it holds.
      if (!shippingLocked) {
        shippingDiscounts.push(discount('coupon', coupon.code, label, reason, shippingLeft));
        shippingLeft = 0;
        couponApplied = true;
      }
    } else {
      const eligible: number[] = [];
      for (let i = 0; i < n; i++) if (!locked[i] && remaining[i]! > 0) eligible.push(i);
      let given = 0;
      if ('percentOff' in d) {
        for (const i of eligible) shares[i] = percentOf(remaining[i]!, d.percentOff);
      } else {
        const bases = eligible.map((i) => remaining[i]!);
        const split = new Array<number>(eligible.length);
        spreadProportionally(d.amountOff.amount, bases, split);
        eligible.forEach((i, k) => (shares[i] = split[k]!));
      }
      for (const i of eligible) {
        const amount = Math.min(shares[i]!, remaining[i]!);
        if (amount <= 0) continue;
        given += amount;
        remaining[i] = remaining[i]! - amount;
        results[i]!.discounts.push(discount('coupon', coupon.code, label, `${reason} (this line's share)`, amount));
      }
      if (given > 0) {
        cartDiscounts.push(discount('coupon', coupon.code, label, reason, given));
        couponApplied = true;
      }
    }
  }

  let linesTotal = 0;
  for (let i = 0; i < n; i++) {
    results[i]!.total = remaining[i]!;
    linesTotal += remaining[i]!;
  }
  const shippingDiscount = options.shippingFee - shippingLeft;
  return {
    lines: results,
    cartDiscounts,
    shipping: { amount: options.shippingFee, discounts: shippingDiscounts, total: shippingLeft },
    subtotal,
    discountTotal: subtotal - linesTotal + shippingDiscount,
    total: linesTotal + shippingLeft,
    nextChangeMs,
    couponApplied,
  };
}

/** Each eligible line's discount (at most what is left of it) into `shares`. */
function computeShares(
  benefit: Exclude<PromotionBenefit, { kind: 'free_shipping' }>,
  cartWide: boolean,
  eligible: readonly number[],
  lines: readonly EngineLine[],
  remaining: readonly number[],
  shares: number[],
): void {
  switch (benefit.kind) {
    case 'percent_off':
      for (const i of eligible) shares[i] = percentOf(remaining[i]!, benefit.percent);
      return;
    case 'amount_off':
      if (cartWide) {
        // Once off the cart, spread over the lines in proportion to what is left of them.
        const split = new Array<number>(eligible.length);
        spreadProportionally(benefit.amount.amount, eligible.map((i) => remaining[i]!), split);
        eligible.forEach((i, k) => (shares[i] = split[k]!));
      } else {
        // Off each unit of a targeted line.
        for (const i of eligible) shares[i] = Math.min(remaining[i]!, benefit.amount.amount * lines[i]!.quantity);
      }
      return;
    case 'buy_x_get_y': {
      // Of every buy+get units across the targeted lines, the `get` cheapest are free.
      const group = benefit.buy + benefit.get;
      let units = 0;
      for (const i of eligible) units += lines[i]!.quantity;
      let free = Math.floor(units / group) * benefit.get;
      if (free === 0) return;
      // Cheapest first by what is left per unit; equal units keep the cart's order.
      const byUnitValue = [...eligible].sort((a, b) => remaining[a]! * lines[b]!.quantity - remaining[b]! * lines[a]!.quantity || a - b);
      for (const i of byUnitValue) {
        if (free === 0) break;
        const quantity = lines[i]!.quantity;
        const take = Math.min(free, quantity);
        // The value of `take` of the line's units, rounded half up.
        shares[i] = take === quantity ? remaining[i]! : Math.floor((remaining[i]! * take * 2 + quantity) / (2 * quantity));
        free -= take;
      }
      return;
    }
  }
}

function discount(source: 'promotion' | 'coupon', sourceId: string, label: string, reason: string, amount: number): AppliedDiscount {
  return { source, sourceId, label, reason, amount };
}

const TARGET_TEXT: Record<PromotionTarget['kind'], string> = {
  sku: 'on selected items',
  product: 'on selected products',
  category: 'on items in selected categories',
  cart: 'on the whole cart',
};

/** Why a promotion applies, in words: "20% off items in selected categories (Summer sale)". */
export function promotionReason(rule: PromotionRule): string {
  const b = rule.benefit;
  const target = TARGET_TEXT[rule.target.kind];
  let what: string;
  if (b.kind === 'percent_off') what = `${b.percent}% off ${target}`;
  else if (b.kind === 'amount_off') what = `${moneyText(b.amount.amount, b.amount.currency)} off ${rule.target.kind === 'cart' ? 'the whole cart' : `each unit ${target}`}`;
  else if (b.kind === 'buy_x_get_y') what = `buy ${b.buy} get ${b.get} free ${target} (the ${b.get} cheapest of every ${b.buy + b.get})`;
  else what = rule.target.kind === 'cart' ? 'free shipping' : `free shipping with items ${target.replace(/^on /, '')}`;
  const minimum = rule.minSubtotal ? `, orders from ${moneyText(rule.minSubtotal.amount, rule.minSubtotal.currency)}` : '';
  return `${what}${minimum} (${rule.name})`;
}

function couponReason(coupon: CouponRule): string {
  const d = coupon.discount;
  if ('percentOff' in d) return `coupon ${coupon.code}: ${d.percentOff}% off`;
  if ('amountOff' in d) return `coupon ${coupon.code}: ${moneyText(d.amountOff.amount, d.amountOff.currency)} off the cart`;
  return `coupon ${coupon.code}: free shipping`;
}
