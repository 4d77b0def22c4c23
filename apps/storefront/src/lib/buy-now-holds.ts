import { CartId, ReservationId, Sku, type ReservationStatus } from '@shop/contracts';

/**
 * What this browser remembers of its sale pages' "Buy now" holds (the `sf_buynow` cookie,
 * HttpOnly): each hold, its Buy now cart and when it ends. A second "Buy now" of a SKU whose hold
 * is still live goes to that hold's checkout instead of silently holding another unit, and the
 * sale page says the shopper already holds it. Only a hint: the inventory engine enforces the
 * units and the per-customer limit, and an entry is trusted only while its Buy now cart still
 * holds the unit (the checkout empties it) and its reservation is still held (a declined payment
 * releases it; see stillHeld). Pure: parsing, pruning, checking, writing.
 */
export interface RememberedHold {
  sku: string;
  holdId: string;
  /** When the hold ends (ms since the epoch). */
  until: number;
  cartId: string;
}

export const BUY_NOW_COOKIE = 'sf_buynow';
/** A shopper holds a few units at most (the sale limits are small); more entries are dropped, oldest first. */
export const MAX_REMEMBERED_HOLDS = 8;

function valid(entry: unknown): entry is RememberedHold {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Record<string, unknown>;
  return (
    Sku.safeParse(e.sku).success &&
    ReservationId.safeParse(e.holdId).success &&
    CartId.safeParse(e.cartId).success &&
    typeof e.until === 'number' &&
    Number.isFinite(e.until)
  );
}

/** The cookie's entries still live at `nowMs`; anything malformed is ignored. */
export function readHolds(cookie: string | undefined, nowMs: number): RememberedHold[] {
  if (!cookie) return [];
  try {
    const parsed: unknown = JSON.parse(cookie);
    return Array.isArray(parsed) ? parsed.filter(valid).filter((h) => h.until > nowMs) : [];
  } catch {
    return [];
  }
}

/** The live holds of one SKU, the one ending first first (the one to finish buying). */
export function holdsOf(holds: readonly RememberedHold[], sku: string): RememberedHold[] {
  return holds.filter((h) => h.sku === sku).sort((a, b) => a.until - b.until);
}

/**
 * What the services answered of a remembered hold. `cartHoldsUnit`: whether its Buy now cart
 * still holds the unit; `reservation`: its reservation's status, `missing` when inventory does not
 * know it as this customer's (404). Either is undefined when its service could not answer.
 */
export interface HoldCheck {
  cartHoldsUnit?: boolean;
  reservation?: ReservationStatus | 'missing';
}

/**
 * Whether a remembered hold still stands at `nowMs`: not past its end, its cart still holds the
 * unit and its reservation still `held` (a declined checkout released it, a bought one committed
 * it, a lapsed one expired). A service that could not answer proves nothing: the end time decides.
 */
export function stillHeld(hold: RememberedHold, check: HoldCheck, nowMs: number): boolean {
  if (hold.until <= nowMs) return false;
  if (check.cartHoldsUnit === false) return false;
  return check.reservation === undefined || check.reservation === 'held';
}

/** The entries with `added` (once) and without `dropped`, at most MAX_REMEMBERED_HOLDS, the newest kept. */
export function rememberHolds(holds: readonly RememberedHold[], added: RememberedHold | null, dropped: readonly string[] = []): RememberedHold[] {
  const kept = holds.filter((h) => !dropped.includes(h.holdId) && h.holdId !== added?.holdId);
  return [...kept, ...(added ? [added] : [])].slice(-MAX_REMEMBERED_HOLDS);
}

/** The cookie's value and how long it should live (until the last hold ends); null: delete it. */
export function holdsCookie(holds: readonly RememberedHold[], nowMs: number): { value: string; maxAgeSeconds: number } | null {
  const live = holds.filter((h) => h.until > nowMs);
  if (live.length === 0) return null;
  const last = Math.max(...live.map((h) => h.until));
  return { value: JSON.stringify(live), maxAgeSeconds: Math.max(1, Math.ceil((last - nowMs) / 1000)) };
}
