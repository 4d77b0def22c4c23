import { newestFirstCursor, type NewestFirstCursor } from '@shop/contracts';

/** Orders are listed newest first (keyset pagination on creation time and id). */
export type OrderCursor = NewestFirstCursor;

const orderCursor = newestFirstCursor('o');

export const encodeOrderCursor = orderCursor.encode;

/** Returns undefined for a cursor that encodeOrderCursor did not make. */
export const decodeOrderCursor = orderCursor.decode;
