import { newestFirstCursor, type NewestFirstCursor } from '@shop/contracts';

/** Checkouts are listed newest first (keyset pagination on creation time and id). */
export type CheckoutCursor = NewestFirstCursor;

const checkoutCursor = newestFirstCursor('k');

export const encodeCheckoutCursor = checkoutCursor.encode;

/** Undefined for a cursor encodeCheckoutCursor did not make. */
export const decodeCheckoutCursor = checkoutCursor.decode;
