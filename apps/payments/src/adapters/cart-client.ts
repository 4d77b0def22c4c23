import { CartContentsAnswer, RemovePurchasedAnswer, type RemovePurchasedBody } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';
import type { Carts } from '../application/upstreams.js';

/**
 * The cart service's internal API (payments' own credential, naming the customer it acts for):
 * the checkout reads what the cart holds and takes the bought items out of it.
 */
export class CartClient implements Carts {
  constructor(private readonly http: ServiceClient) {}

  /**
   * `GET /internal/carts/:id/contents`: the lines, coupon and currency as stored, or null when the
   * cart does not exist or belongs to someone else (the cart answers 404 for both). Not the
   * shopper's priced view: the quote step has pricing quote the lines itself.
   */
  async contents(cartId: string, customerId: string | null): Promise<CartContentsAnswer | null> {
    // A guest cart is read as a guest: no customer named.
    const query = customerId === null ? '' : `?customerId=${encodeURIComponent(customerId)}`;
    const res = await this.http.request('GET', `/internal/carts/${encodeURIComponent(cartId)}/contents${query}`, { idempotent: true });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a cart read`);
    const cart = CartContentsAnswer.safeParse(res.body);
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
