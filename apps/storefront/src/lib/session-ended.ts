// Client-safe: what every form that calls a route handler tells a shopper whose session is over.

/**
 * A route handler answers 401 when the shopper's session has ended (a password change or reset
 * elsewhere, an account disabled; @shop/web-session's session-recovery) or was never there: the
 * shopper signs in again. The gateway's own words about tokens never reach the page.
 */
export const SIGNED_OUT_MESSAGE = "You've been signed out. Please sign in again.";

/** Whether a route handler's answer means the shopper is no longer signed in. */
export function isSignedOut(status: number): boolean {
  return status === 401;
}

/** The sign-in page, coming back to `returnTo` (a path on this site: the page the shopper is on). */
export function signInAgainHref(returnTo: string): string {
  return `/account/login?next=${encodeURIComponent(returnTo)}`;
}
