import type { UnsubscribeScope } from './unsubscribe-token.js';

/** The two addresses of one unsubscribe token. */
export interface UnsubscribeLinks {
  /** In the mail's body: a page that says what stops and asks the shopper to confirm (a GET there changes nothing). */
  page: string;
  /** In `List-Unsubscribe` (RFC 8058 one-click): the API address a mail client POSTs to. */
  oneClick: string;
  /** The words of the body's link. */
  label: string;
}

/**
 * Where a marketing mail's unsubscribe token is used. A back-in-stock request is stopped on the
 * storefront's page, which names the product; an address's marketing opt-out on the API's own
 * confirm page. Both POST to the same API address, which the List-Unsubscribe header names.
 */
export function unsubscribeLinks(scope: UnsubscribeScope['kind'], token: string, urls: { publicApiUrl: string; storefrontUrl: string }): UnsubscribeLinks {
  const query = `?token=${encodeURIComponent(token)}`;
  const oneClick = `${urls.publicApiUrl}/api/notifications/unsubscribe${query}`;
  return scope === 'back-in-stock'
    ? { page: `${urls.storefrontUrl}/back-in-stock/unsubscribe${query}`, oneClick, label: 'Unsubscribe from this alert' }
    : { page: oneClick, oneClick, label: 'Unsubscribe from these emails' };
}
