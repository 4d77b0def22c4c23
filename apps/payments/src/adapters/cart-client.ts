import { Cart, RemovePurchasedAnswer, type RemovePurchasedBody } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, USER_ID_HEADER } from '@shop/service-kit';
import type { Carts } from '../application/upstreams.js';

/**
 * The cart service: the checkout reads the customer's cart (`GET /api/carts/:id` as that
 * customer: payments' own credential, naming the customer it acts for).
 */
export class CartClient implements Carts {
  constructor(private readonly http: ServiceClient) {}

  /** The cart, or null when it does not exist or belongs to someone else (the cart answers 404 for both). */
  async get(cartId: string, customerId: string | null): Promise<Cart | null> {
    // A guest cart is read as a guest: no customer named.
    const res = await this.http.request('GET', `/api/carts/${encodeURIComponent(cartId)}`, customerId === null ? {} : { headers: { [USER_ID_HEADER]: customerId } });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a cart read`);
    const cart = Cart.safeParse(res.body);
    if (!cart.success) throw new UpstreamUnavailableError(this.http.service, 'answered a cart read with an unexpected body');
    return cart.data;
  }

  /** `POST /internal/carts/:id/purchases`: 200 what went (nothing on a replay); 404 the cart is gone. */
  async removePurchased(cartId: string, body: RemovePurchasedBody): Promise<{ kind: 'removed'; answer: RemovePurchasedAnswer } | { kind: 'gone' }> {
    const res = await this.http.request('POST', `/internal/carts/${encodeURIComponent(cartId)}/purchases`, { body });
    if (res.status === 404) return { kind: 'gone' };
    if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a purchase removal`);
    const answer = RemovePurchasedAnswer.safeParse(res.body);
    if (!answer.success) throw new UpstreamUnavailableError(this.http.service, 'answered a purchase removal with an unexpected body');
    return { kind: 'removed', answer: answer.data };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
