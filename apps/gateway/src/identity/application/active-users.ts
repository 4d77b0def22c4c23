import type { ActiveAccount } from './account-store.js';

interface Entry<A> {
  account: A | null;
  expiresAt: number;
}

/**
 * "Does this account still exist, and with which role?" asked on every authenticated request.
 * Answers are kept for `ttlMs` (0 = always ask the database), so a deleted or demoted account
 * loses access within that time on every instance, and at once on the instance that deleted
 * it. Concurrent questions about one account share one database query.
 */
export class ActiveUsers<A = ActiveAccount> {
  private readonly entries = new Map<string, Entry<A>>();
  private readonly inFlight = new Map<string, Promise<A | null>>();

  constructor(
    private readonly lookup: (userId: string) => Promise<A | null>,
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async accountOf(userId: string): Promise<A | null> {
    const cached = this.entries.get(userId);
    if (cached && cached.expiresAt > this.now()) return cached.account;
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const query = this.lookup(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, query);
    const account = await query;
    if (this.ttlMs > 0) this.remember(userId, account);
    return account;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  private remember(userId: string, account: A | null): void {
    this.entries.delete(userId);
    // Maps iterate in insertion order: dropping the first entry drops the oldest.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(userId, { account, expiresAt: this.now() + this.ttlMs });
  }
}
