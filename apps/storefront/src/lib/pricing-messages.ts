import { FailureCode } from '@shop/contracts/failure';
import type { CouponRefusal, Money, Quote } from '@shop/contracts';
import type { ErrorAnswer } from './cart-errors';

/** Why a coupon was refused, in words a shopper reads (the reason of a 400 COUPON_INVALID). */
const COUPON_REFUSALS: Record<CouponRefusal, string> = {
  unknown: 'We don’t know this coupon code. Check it and try again.',
  not_started: 'This coupon is not valid yet.',
  expired: 'This coupon has expired.',
  inactive: 'This coupon is no longer active.',
  exhausted: 'This coupon has been used up.',
  customer_limit: 'You have already used this coupon as many times as it allows.',
  currency: 'This coupon cannot be used in your cart’s currency.',
  not_applicable: 'This coupon does not apply to anything in your cart.',
};

/**
 * Why a coupon on the cart is not taken off the total now (it ran out, ended, ...): pricing's own
 * words, sent signed with the quote (`couponRejection.message`), so they are written in one place.
 */
export function couponNotAppliedText(coupon: { code: string; message: string | null }): string {
  return coupon.message ?? `Coupon ${coupon.code} isn’t taken off your total right now.`;
}

function refusalOf(details: unknown): CouponRefusal | null {
  const candidates: unknown[] = [];
  if (typeof details === 'object' && details !== null && !Array.isArray(details)) candidates.push((details as { reason?: unknown }).reason);
  if (Array.isArray(details)) for (const d of details) if (typeof d === 'object' && d !== null) candidates.push((d as { reason?: unknown }).reason);
  for (const c of candidates) if (typeof c === 'string' && c in COUPON_REFUSALS) return c as CouponRefusal;
  return null;
}

/** What to tell a shopper whose coupon did not apply. */
export function couponErrorMessage(status: number, body: ErrorAnswer | null): string {
  const error = body?.error;
  const refusal = refusalOf(error?.details);
  if (refusal) return COUPON_REFUSALS[refusal];
  if (error?.code === FailureCode.COUPON_EXHAUSTED) return COUPON_REFUSALS.exhausted;
  if (status === 400 && Array.isArray(error?.details)) {
    const issue = (error.details as { field?: unknown; reason?: unknown }[]).find((d) => d.field === 'code' && typeof d.reason === 'string');
    if (issue) return `The code ${String(issue.reason)}.`;
  }
  if (status === 404 || status >= 500) return 'Coupons cannot be checked right now. Please try again in a moment.';
  return error?.message ?? 'That coupon did not work. Please try again.';
}

/** What to tell a shopper whose hold on a sale unit was refused (not shed: that is the waiting room). */
export function holdErrorMessage(status: number, body: ErrorAnswer | null, perCustomerLimit: number): string {
  switch (body?.error?.code) {
    case FailureCode.OUT_OF_STOCK:
      return 'Sold out — every unit of this sale is taken.';
    case FailureCode.LIMIT_EXCEEDED:
      return `You already have the most this sale allows: ${perCustomerLimit} per customer.`;
    case FailureCode.SKU_UNAVAILABLE:
      return 'Sorry, this item is no longer available.';
  }
  if (status >= 500) return 'The sale cannot be reached right now. Please try again in a moment.';
  return body?.error?.message ?? 'That did not work. Please try again.';
}

/** One line whose price moved between the quote the shopper saw and the new one. */
export interface PriceMove {
  sku: string;
  quantity: number;
  before: Money | null;
  after: Money;
}

/**
 * What changed between two quotes, line by line (unit price or line total), so a PRICE_CHANGED
 * answer can show the new prices next to the old before the shopper confirms again.
 */
export function quoteChanges(before: Quote | null, after: Quote): { lines: PriceMove[]; totalBefore: Money | null; totalAfter: Money } {
  const old = new Map((before?.lines ?? []).map((l) => [l.sku, l]));
  const lines: PriceMove[] = [];
  for (const line of after.lines) {
    const was = old.get(line.sku);
    if (!was || was.total.amount !== line.total.amount || was.unitPrice.amount !== line.unitPrice.amount || was.quantity !== line.quantity) {
      lines.push({ sku: line.sku, quantity: line.quantity, before: was ? was.total : null, after: line.total });
    }
  }
  return { lines, totalBefore: before?.total ?? null, totalAfter: after.total };
}

/** The new quote a 409 PRICE_CHANGED carries (its details: the quote itself, or `{ quote }`). */
export function quoteOf(details: unknown): Quote | null {
  const candidate = typeof details === 'object' && details !== null && 'quote' in details ? (details as { quote: unknown }).quote : details;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const q = candidate as Partial<Quote>;
  return Array.isArray(q.lines) && typeof q.total === 'object' && typeof q.signature === 'string' ? (candidate as Quote) : null;
}
