// Client-safe: what the back-in-stock unsubscribe page says (src/app/back-in-stock/unsubscribe).
import type { BackInStockAlertDetails } from '@shop/contracts';

/** The product the alert is about, as the page names it. */
export function alertProductName(details: Pick<BackInStockAlertDetails, 'productName'>): string {
  return details.productName ?? 'the product you asked about';
}

/** The page's words for each state of an alert link. */
export const ALERT_WORDS = {
  ask: (name: string) => `You asked us to email you when ${name} is back in stock.`,
  stopped: (name: string) => `Done. We won't email you about ${name}.`,
  alreadyStopped: (name: string) => `This alert is already off: we won't email you about ${name}.`,
  askAgain: 'Changed your mind? You can ask again on the product page.',
  invalidLink: "This unsubscribe link doesn't work. Open it again from the email, making sure you use the whole link.",
  failed: "That didn't work; please try again in a moment.",
  cannotReach: 'The shop cannot be reached. Check your connection and try again.',
} as const;

/** What pressing "Stop" led to, from the route handler's answer. */
export function stopAnswer(status: number): 'stopped' | 'invalid-link' | 'failed' {
  if (status >= 200 && status < 300) return 'stopped';
  // The link's token was refused (altered or cut short): the same dead link as on arrival.
  if (status === 400) return 'invalid-link';
  return 'failed';
}
