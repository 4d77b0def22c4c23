import type { CartState } from '../domain/cart.js';

/**
 * Where carts live, with compare-and-set saves: a save decided on a stale read is refused, and
 * the caller reloads and decides again. A customer index points at the customer's cart.
 */
export interface CartStore {
  load(cartId: string): Promise<CartState | null>;
  /** Saves `next`, computed from `previous` (null: a new cart); null when the cart changed meanwhile. */
  save(previous: CartState | null, next: CartState): Promise<CartState | null>;
  delete(cartId: string): Promise<void>;
  customerCartId(customerId: string): Promise<string | null>;
  /** Points the customer's index at `cartId` if it still points at `expected` (null: at nothing). */
  bindCustomer(customerId: string, cartId: string, expected: string | null): Promise<boolean>;
}
