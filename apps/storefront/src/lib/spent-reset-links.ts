// Client-only: this browser's memory of the password reset links it has seen spent.

/**
 * A reset link is single-use, and only the gateway knows whether one still works (asking it
 * without a new password would be an oracle for a stolen link; there is no such endpoint). But a
 * browser that has used a link, or been told it is dead, knows it already: opening it again there
 * shows the dead link at once instead of the form. Only a digest of the token is kept.
 */
const STORAGE_KEY = 'sf_spent_reset_links';
/** Enough for any shopper; the oldest go first. */
export const SPENT_LINKS_KEPT = 20;

/** The list with `digest` added (once, newest last), at most `kept` long. */
export function withSpent(list: readonly string[], digest: string, kept: number = SPENT_LINKS_KEPT): string[] {
  return [...list.filter((d) => d !== digest), digest].slice(-kept);
}

/** The stored list as read back; anything unreadable is an empty list. */
export function parseSpent(stored: string | null): string[] {
  try {
    const value: unknown = stored ? JSON.parse(stored) : [];
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

async function digestOf(token: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether this browser has seen the link spent (false when storage is not available). */
export async function seenSpent(token: string): Promise<boolean> {
  try {
    return parseSpent(window.localStorage.getItem(STORAGE_KEY)).includes(await digestOf(token));
  } catch {
    return false;
  }
}

export async function rememberSpent(token: string): Promise<void> {
  try {
    const digest = await digestOf(token);
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(withSpent(parseSpent(window.localStorage.getItem(STORAGE_KEY)), digest)));
  } catch {
    // Private mode or storage full: the gateway still says so on submit.
  }
}
