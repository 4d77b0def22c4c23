import type { Money, PriceSourceKind } from '@shop/contracts';
import { isOpenAt, nextBoundaryAfter } from './windows.js';

/**
 * Which unit price a SKU has at an instant. Precedence, strongest first:
 * flash_sale > scheduled > demand > price_list > list. Only prices in the requested currency
 * compete; a price list of another customer group does not apply. See docs/pricing.md.
 */

export interface PriceListPrice {
  priceListId: string;
  priority: number;
  /** Null: for everyone. */
  customerGroup: string | null;
  currency: string;
  amount: number;
  startsAt: Date | null;
  endsAt: Date | null;
  createdAt: Date;
}

export interface ScheduledSalePrice {
  id: string;
  amount: number;
  currency: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export interface FlashSaleWindowPrice {
  flashSaleId: string;
  price: Money;
  startsAt: Date;
  endsAt: Date;
}

/** Everything that can price one SKU. */
export interface SkuPriceInputs {
  listPrice: Money;
  priceLists: readonly PriceListPrice[];
  scheduled: readonly ScheduledSalePrice[];
  /** A demand rule's current price, in the list price's currency. */
  demand: { ruleId: string; amount: number } | null;
  flashSales: readonly FlashSaleWindowPrice[];
}

export interface ResolvedPrice {
  price: Money;
  source: PriceSourceKind;
  flashSaleId?: string;
  /**
   * The next instant (epoch ms) any window of this SKU opens or closes, after which the price may
   * differ; Infinity when none will.
   */
  nextChangeMs: number;
}

export interface PriceContext {
  currency: string;
  customerGroup: string | null;
}

/** The SKU's unit price at `atMs`, or null when nothing prices it in `context.currency`. */
export function resolvePrice(inputs: SkuPriceInputs, atMs: number, context: PriceContext): ResolvedPrice | null {
  const { currency } = context;
  let nextChangeMs = Infinity;

  let flash: FlashSaleWindowPrice | null = null;
  for (const sale of inputs.flashSales) {
    if (sale.price.currency !== currency) continue;
    nextChangeMs = Math.min(nextChangeMs, nextBoundaryAfter(sale, atMs));
    // Sales of one SKU do not overlap (flash sales refuse it); the earliest start wins if they did.
    if (isOpenAt(sale, atMs) && (flash === null || sale.startsAt < flash.startsAt)) flash = sale;
  }

  let scheduled: ScheduledSalePrice | null = null;
  for (const entry of inputs.scheduled) {
    if (entry.currency !== currency) continue;
    nextChangeMs = Math.min(nextChangeMs, nextBoundaryAfter(entry, atMs));
    // Overlapping scheduled prices: the one that started last wins (the most specific), then the newest.
    if (isOpenAt(entry, atMs) && (scheduled === null || laterScheduled(entry, scheduled))) scheduled = entry;
  }

  let listed: PriceListPrice | null = null;
  for (const entry of inputs.priceLists) {
    if (entry.currency !== currency) continue;
    if (entry.customerGroup !== null && entry.customerGroup !== context.customerGroup) continue;
    nextChangeMs = Math.min(nextChangeMs, nextBoundaryAfter(entry, atMs));
    if (isOpenAt(entry, atMs) && (listed === null || strongerList(entry, listed))) listed = entry;
  }

  if (flash) return { price: { amount: flash.price.amount, currency }, source: 'flash_sale', flashSaleId: flash.flashSaleId, nextChangeMs };
  if (scheduled) return { price: { amount: scheduled.amount, currency }, source: 'scheduled', nextChangeMs };
  if (inputs.demand && inputs.listPrice.currency === currency) return { price: { amount: inputs.demand.amount, currency }, source: 'demand', nextChangeMs };
  if (listed) return { price: { amount: listed.amount, currency }, source: 'price_list', nextChangeMs };
  if (inputs.listPrice.currency === currency) return { price: { amount: inputs.listPrice.amount, currency }, source: 'list', nextChangeMs };
  return null;
}

function laterScheduled(a: ScheduledSalePrice, b: ScheduledSalePrice): boolean {
  if (a.startsAt.getTime() !== b.startsAt.getTime()) return a.startsAt > b.startsAt;
  return a.createdAt > b.createdAt;
}

/** Highest priority first; at equal priority a customer group's list beats the general one, then the newest list. */
function strongerList(a: PriceListPrice, b: PriceListPrice): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if ((a.customerGroup !== null) !== (b.customerGroup !== null)) return a.customerGroup !== null;
  return a.createdAt > b.createdAt;
}
