// Client-safe: what the unsubscribe page of a sale reminder's link says (src/app/unsubscribe).
import { UNSUBSCRIBE_LINK_WORDS } from './unsubscribe-link';

const STILL_SENT = UNSUBSCRIBE_LINK_WORDS.ordersStillSent;

/**
 * The page's words for each state of an address's link. What stops is every marketing mail to
 * the address (sale reminders and back-in-stock emails); order mails are transactional and go on.
 */
export const ADDRESS_WORDS = {
  ask: (maskedEmail: string) => `Stop sale reminders and back-in-stock emails to ${maskedEmail}? ${STILL_SENT}`,
  button: 'Unsubscribe',
  keep: 'Keep them and go to the shop',
  stopped: (maskedEmail: string) => `Done. We won't send sale reminders or back-in-stock emails to ${maskedEmail} any more. ${STILL_SENT}`,
  alreadyStopped: (maskedEmail: string) => `You're already unsubscribed: we don't send sale reminders or back-in-stock emails to ${maskedEmail}. ${STILL_SENT}`,
  cannotLoad: 'This unsubscribe link cannot be checked right now. Please try again in a moment.',
} as const;
