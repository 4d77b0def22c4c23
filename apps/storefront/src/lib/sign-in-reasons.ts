// Client-safe: the sign-in and register pages say why a shopper was sent there.

/**
 * Why a page sent a shopper to sign in (`?reason=` next to `next`), and what the sign-in and
 * register pages then say. Only these words are ever shown: the parameter picks one, it never
 * carries text of its own.
 */
const REASONS = {
  'back-in-stock': "Sign in, or create an account, to get an email when the product is back in stock. We'll take you straight back to it.",
} as const;

export type SignInReason = keyof typeof REASONS;

/** The reason a `?reason=` value names, or null for anything else. */
export function signInReasonFrom(value: unknown): SignInReason | null {
  return typeof value === 'string' && Object.hasOwn(REASONS, value) ? (value as SignInReason) : null;
}

export function signInReasonText(reason: SignInReason): string {
  return REASONS[reason];
}

/**
 * The sign-in (or register) page, coming back to `returnTo` afterwards (a path on this site: the
 * sign-in form keeps only such a path, see @shop/web-session's safe-next.ts) and saying why.
 */
export function signInHref(returnTo: string, reason?: SignInReason | null, page: 'login' | 'register' = 'login'): string {
  const query = new URLSearchParams({ next: returnTo });
  if (reason) query.set('reason', reason);
  return `/account/${page}?${query.toString()}`;
}
