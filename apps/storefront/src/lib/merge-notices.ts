import type { CartMergeAdjustment } from '@shop/contracts';

/**
 * What the shopper is told after signing in merged their guest cart into their account's cart and
 * some of it did not come over whole (the cart service's `mergeAdjustments`): "We reduced Trail
 * Lamp (Olive) to 3: only 3 are left." Kept for the next cart or checkout page in a short-lived
 * cookie (the sign-in form goes straight on to the page the shopper came from). Pure.
 */
export type MergeNotice = Pick<CartMergeAdjustment, 'reason' | 'productTitle' | 'title' | 'quantity' | 'requested' | 'available'>;

/** The cookie that carries the notices from sign-in to the next cart or checkout page (session-cookies.ts writes it). */
export const MERGE_NOTICE_COOKIE = 'sf_cart_notice';

/** At most this many lines are named; a cookie stays small. */
export const MAX_MERGE_NOTICES = 10;
const MAX_TITLE = 80;

function named(n: Pick<MergeNotice, 'productTitle' | 'title'>): string {
  return n.title ? `${n.productTitle} (${n.title})` : n.productTitle;
}

/** One adjusted line in a shopper's words. */
export function mergeNoticeText(n: MergeNotice): string {
  const what = named(n);
  switch (n.reason) {
    case 'out_of_stock': {
      const left = n.available ?? n.quantity;
      const leftText = `only ${left} ${left === 1 ? 'is' : 'are'} left`;
      if (n.quantity === 0) return `${what} is sold out, so we couldn’t add it from your earlier cart.`;
      // The account's cart already held more than is left: nothing was added (the cart flags the line).
      if (n.quantity > left) return `We couldn’t add more ${what} from your earlier cart: ${leftText}.`;
      return `We reduced ${what} to ${n.quantity}: ${leftText}.`;
    }
    case 'quantity_limit':
      return `We reduced ${what} to ${n.quantity}, the most one order can hold.`;
    case 'cart_full':
      return `${what} didn’t fit: your cart holds as many different items as it can.`;
    case 'currency':
      return `${what} couldn’t be added: it isn’t sold in your cart’s currency.`;
  }
}

/** The adjustments, trimmed to what the notice needs, as a cookie value (URI-encoded JSON). */
export function encodeMergeNotices(adjustments: readonly CartMergeAdjustment[]): string {
  const kept: MergeNotice[] = adjustments.slice(0, MAX_MERGE_NOTICES).map((a) => ({
    reason: a.reason,
    productTitle: a.productTitle.slice(0, MAX_TITLE),
    title: a.title.slice(0, MAX_TITLE),
    quantity: a.quantity,
    requested: a.requested,
    available: a.available,
  }));
  return encodeURIComponent(JSON.stringify(kept));
}

const REASONS = new Set<MergeNotice['reason']>(['out_of_stock', 'quantity_limit', 'cart_full', 'currency']);

function isNotice(v: unknown): v is MergeNotice {
  if (typeof v !== 'object' || v === null) return false;
  const n = v as Record<string, unknown>;
  const int = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  return (
    REASONS.has(n.reason as MergeNotice['reason']) &&
    typeof n.productTitle === 'string' &&
    typeof n.title === 'string' &&
    int(n.quantity) &&
    int(n.requested) &&
    (n.available === null || int(n.available))
  );
}

/** The notices a cookie holds; none for a missing or malformed one (a cookie is the browser's to change). */
export function decodeMergeNotices(cookie: string | undefined): MergeNotice[] {
  if (!cookie) return [];
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(cookie));
    return Array.isArray(parsed) ? parsed.filter(isNotice).slice(0, MAX_MERGE_NOTICES) : [];
  } catch {
    return [];
  }
}
