import { Cart } from '@shop/contracts';
import { USER_ID_HEADER } from '@shop/service-kit';
import { JsonHttpClient, UpstreamUnavailableError } from './http-json-client.js';

/**
 * The cart service: the checkout reads the customer's cart (`GET /api/carts/:id` as that
 * customer: payments' own credential, naming the customer it acts for).
 */
export class CartClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** The cart, or null when it does not exist or belongs to someone else (the cart answers 404 for both). */
  async get(cartId: string, customerId: string): Promise<Cart | null> {
    const res = await this.http.request('GET', `/api/carts/${encodeURIComponent(cartId)}`, {
      headers: { [USER_ID_HEADER]: customerId },
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new UpstreamUnavailableError('cart', `answered ${res.status} to a cart read`);
    const cart = Cart.safeParse(res.body);
    if (!cart.success) throw new UpstreamUnavailableError('cart', 'answered a cart read with an unexpected body');
    return cart.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
