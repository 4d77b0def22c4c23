import type { AddressUnsubscribeDetails, BackInStockAlertDetails, Clock, UnsubscribeOutcome } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { validationFailed } from '@shop/service-kit';
import type { NotificationRepository } from '../adapters/notification.repository.js';
import type { ProductDirectory } from '../adapters/product-directory.js';
import type { SubscriptionRepository } from '../adapters/subscription.repository.js';
import { alertedProductName, isForSale, productPagePath, type AlertedVariant } from '../domain/alerted-product.js';
import { maskedEmail } from '../domain/masked-email.js';
import type { UnsubscribeScope, UnsubscribeTokens } from '../domain/unsubscribe-token.js';

/**
 * The unsubscribe links of marketing mails. The signed token is the only proof asked for, and it
 * reaches only what it was made for: one back-in-stock request, or the address it was sent to.
 * Reading what a link is about changes nothing; only `unsubscribe` (a POST) does.
 */
export class Unsubscriptions {
  constructor(
    private readonly deps: {
      tokens: UnsubscribeTokens;
      subscriptions: SubscriptionRepository;
      notifications: NotificationRepository;
      products: ProductDirectory;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** What the token stops; a token we did not sign (forged, altered, cut short) is 400 naming it. */
  scopeOf(token: string): UnsubscribeScope {
    const scope = this.deps.tokens.read(token);
    if (!scope) throw validationFailed([{ field: 'token', reason: 'is not a valid unsubscribe link; use the whole link from the email' }]);
    return scope;
  }

  /** The product a back-in-stock link is about, and whether its request still stands. */
  async alertDetails(token: string): Promise<BackInStockAlertDetails> {
    const scope = this.scopeOf(token);
    if (scope.kind !== 'back-in-stock') throw validationFailed([{ field: 'token', reason: 'is not the link of a back-in-stock email' }]);
    const [variant, subscribed] = await Promise.all([this.productOf(scope.sku), this.deps.subscriptions.watches(scope.sku, scope.customerId)]);
    return {
      sku: scope.sku,
      productName: variant ? alertedProductName(variant) : null,
      productPath: variant && isForSale(variant) ? productPagePath(variant) : null,
      subscribed,
    };
  }

  /**
   * The address a sale reminder's link is for, masked, and whether it already unsubscribed. The
   * token proves the holder got the mail, but a page is also seen over shoulders and in
   * screenshots: the masked address is enough for its owner to recognise it.
   */
  async addressDetails(token: string): Promise<AddressUnsubscribeDetails> {
    const scope = this.scopeOf(token);
    if (scope.kind !== 'marketing') throw validationFailed([{ field: 'token', reason: 'is the link of a back-in-stock alert, not of an address' }]);
    const optedOut = await this.deps.notifications.optedOut([scope.email]);
    return { maskedEmail: maskedEmail(scope.email), unsubscribed: optedOut.has(scope.email) };
  }

  /** Stops what the token names; doing it again changes nothing more. */
  async unsubscribe(token: string): Promise<UnsubscribeOutcome> {
    const scope = this.scopeOf(token);
    if (scope.kind === 'back-in-stock') {
      await this.deps.subscriptions.unwatchSku(scope.sku, scope.customerId);
      return { scope: 'back-in-stock', sku: scope.sku };
    }
    await this.deps.notifications.optOut(scope.email, this.deps.clock.now());
    return { scope: 'marketing' };
  }

  /** The page still works when the catalog does not answer: it names no product then. */
  private async productOf(sku: string): Promise<AlertedVariant | null> {
    try {
      return await this.deps.products.variant(sku);
    } catch (err) {
      this.deps.logger.warn({ sku, err: String(err) }, 'unsubscribe page: the catalog did not answer; the product is not named');
      return null;
    }
  }
}
