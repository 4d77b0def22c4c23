import type { Cart } from '@shop/contracts';
import { isApiError, type ApiError } from '@shop/api-client';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { shopperApi, shopperSession } from './gateway';
import { CART_COOKIE } from './session-cookies';

export type CartLoad = { ok: true; cart: Cart | null } | { ok: false; error: ApiError };

function notFound(err: unknown): boolean {
  return isApiError(err) && (err.status === 404 || err.status === 401);
}

/**
 * The shopper's cart: a signed-in customer's own cart, else the guest cart named by the cookie.
 * No cart yet (or an expired one) is `cart: null`; a cart service that cannot answer is an error.
 */
export const loadCart = cache(async (): Promise<CartLoad> => {
  const api = await shopperApi();
  const session = await shopperSession();
  const cartId = (await cookies()).get(CART_COOKIE)?.value;
  try {
    if (session.accessToken) return { ok: true, cart: await api.currentCart() };
    if (!cartId) return { ok: true, cart: null };
    return { ok: true, cart: await api.getCart(cartId) };
  } catch (err) {
    if (notFound(err)) return { ok: true, cart: null };
    if (isApiError(err)) return { ok: false, error: err };
    throw err;
  }
});

/**
 * A cart named by id for this shopper (a sale page's Buy now cart): another's, an expired one or
 * none is `cart: null` (the cart service answers 404 alike); a cart service that cannot answer is an error.
 */
export const loadCartById = cache(async (cartId: string): Promise<CartLoad> => {
  try {
    return { ok: true, cart: await (await shopperApi()).getCart(cartId) };
  } catch (err) {
    if (notFound(err)) return { ok: true, cart: null };
    if (isApiError(err)) return { ok: false, error: err };
    throw err;
  }
});
