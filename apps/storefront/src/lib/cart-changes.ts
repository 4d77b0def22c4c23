import { FailureCode } from '@shop/contracts/failure';
import type { Cart } from '@shop/contracts';
import { isApiError, type GatewayClient } from '@shop/api-client';

/**
 * Adds to the shopper's cart in as few calls as there can be: a signed-in customer's own cart is
 * addressed server-side (one call; the cart service creates it on the first add); a guest's is
 * named by the cookie, and only a guest without one (or whose cart expired) gets a new cart first.
 * Route handlers only (they set the cookie with the cart this answers).
 */
export async function addToShopperCart(
  api: GatewayClient,
  signedIn: boolean,
  cookieCartId: string | undefined,
  item: { sku: string; quantity: number },
): Promise<Cart> {
  if (signedIn) return api.addCurrentCartItem(item);
  if (cookieCartId) {
    try {
      return await api.addCartItem(cookieCartId, item);
    } catch (err) {
      // The guest cart in the cookie expired: start a new one.
      if (!isMissingCart(err)) throw err;
    }
  }
  return api.addCartItem((await api.createCart()).id, item);
}

/**
 * Changes a line of the shopper's cart in one call: the signed-in customer's own cart, else the
 * guest cart the cookie names. Null when a guest has no cart to change.
 */
export function changeShopperCart(
  api: GatewayClient,
  signedIn: boolean,
  cookieCartId: string | undefined,
  change: { sku: string; quantity: number } | { sku: string; remove: true },
): Promise<Cart> | null {
  if ('remove' in change) {
    if (signedIn) return api.removeCurrentCartItem(change.sku);
    return cookieCartId ? api.removeCartItem(cookieCartId, change.sku) : null;
  }
  if (signedIn) return api.updateCurrentCartItem(change.sku, change.quantity);
  return cookieCartId ? api.updateCartItem(cookieCartId, change.sku, change.quantity) : null;
}

/** Whether a cart call failed because the cart itself is gone (expired, or not this shopper's). */
export function isMissingCart(err: unknown): boolean {
  return isApiError(err) && err.status === 404 && err.code === FailureCode.NOT_FOUND;
}
