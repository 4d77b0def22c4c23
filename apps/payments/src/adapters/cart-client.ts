import { Cart } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, USER_ID_HEADER } from '@shop/service-kit';
import type { Carts } from '../application/upstreams.js';

/**
 * The cart service: the checkout reads the customer's cart (`GET /api/carts/:id` as that
 * customer: payments' own credential, naming the customer it acts for).
 */
export class CartClient implements Carts {
  constructor(private readonly http: ServiceClient) {}

  /** The cart, or null when it does not exist or belongs to someone else (the cart answers 404 for both). */
  async get(cartId: string, customerId: string): Promise<Cart | null> {
    const res = await this.http.request('GET', `/api/carts/${encodeURIComponent(cartId)}`, {
      headers: { [USER_ID_HEADER]: customerId },
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a cart read`);
    const cart = Cart.safeParse(res.body);
    if (!cart.success) throw new UpstreamUnavailableError(this.http.service, 'answered a cart read with an unexpected body');
    return cart.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
