// Client-safe: what every unsubscribe page says whatever the link stops (src/components/unsubscribe).

/** The words every unsubscribe page shares. */
export const UNSUBSCRIBE_LINK_WORDS = {
  invalidLink: "This unsubscribe link doesn't work. Open it again from the email, making sure you use the whole link.",
  failed: "That didn't work; please try again in a moment.",
  cannotReach: 'The shop cannot be reached. Check your connection and try again.',
  ordersStillSent: 'Emails about your orders are still sent.',
} as const;

/** What pressing the page's button led to, from the route handler's answer. */
export function stopAnswer(status: number): 'stopped' | 'invalid-link' | 'failed' {
  if (status >= 200 && status < 300) return 'stopped';
  // The link's token was refused (altered or cut short): the same dead link as on arrival.
  if (status === 400) return 'invalid-link';
  return 'failed';
}
