import type { UnsubscribeScope } from './unsubscribe-token.js';

/** The two addresses of one unsubscribe token. */
export interface UnsubscribeLinks {
  /** In the mail's body: a storefront page that says what stops and asks the shopper to confirm (a GET there changes nothing). */
  page: string;
  /** In `List-Unsubscribe` (RFC 8058 one-click): the API address a mail client POSTs to. */
  oneClick: string;
  /** The words of the body's link. */
  label: string;
}

/** The storefront page where each kind of token is used (the API's GET of a link answers 303 there). */
const STOREFRONT_PAGES: Record<UnsubscribeScope['kind'], string> = {
  'back-in-stock': '/back-in-stock/unsubscribe',
  marketing: '/unsubscribe',
};

/**
 * Where a marketing mail's unsubscribe token is used. Both kinds are stopped on a storefront page
 * in the shop's look: a back-in-stock request on the page that names the product, an address's
 * marketing opt-out on the page that names the (masked) address. Both POST to the same API
 * address, which the List-Unsubscribe header names.
 */
export function unsubscribeLinks(scope: UnsubscribeScope['kind'], token: string, urls: { publicApiUrl: string; storefrontUrl: string }): UnsubscribeLinks {
  const query = `?token=${encodeURIComponent(token)}`;
  return {
    page: `${urls.storefrontUrl}${STOREFRONT_PAGES[scope]}${query}`,
    oneClick: `${urls.publicApiUrl}/api/notifications/unsubscribe${query}`,
    label: scope === 'back-in-stock' ? 'Unsubscribe from this alert' : 'Unsubscribe from these emails',
  };
}
