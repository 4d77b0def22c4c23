// Client-safe: what the back-in-stock unsubscribe page says (src/app/back-in-stock/unsubscribe).
import type { BackInStockAlertDetails } from '@shop/contracts';

/** The product the alert is about, as the page names it. */
export function alertProductName(details: Pick<BackInStockAlertDetails, 'productName'>): string {
  return details.productName ?? 'the product you asked about';
}

/** The page's words for each state of an alert link (the words every unsubscribe page shares: unsubscribe-link.ts). */
export const ALERT_WORDS = {
  ask: (name: string) => `You asked us to email you when ${name} is back in stock.`,
  stopped: (name: string) => `Done. We won't email you about ${name}.`,
  alreadyStopped: (name: string) => `This alert is already off: we won't email you about ${name}.`,
  askAgain: 'Changed your mind? You can ask again on the product page.',
  cannotLoad: 'This alert cannot be loaded right now. Please try again in a moment.',
} as const;
