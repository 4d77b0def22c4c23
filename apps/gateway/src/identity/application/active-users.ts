import type { Role } from '@shop/contracts';

interface Entry {
  role: Role | null;
  expiresAt: number;
}

/**
 * "Does this account still exist, and with which role?" asked on every authenticated request.
 * Answers are kept for `ttlMs` (0 = always ask the database), so a deleted or demoted account
 * loses access within that time on every instance, and at once on the instance that deleted
 * it. Concurrent questions about one account share one database query.
 */
export class ActiveUsers {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Role | null>>();

  constructor(
    private readonly lookup: (userId: string) => Promise<Role | null>,
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async roleOf(userId: string): Promise<Role | null> {
    const cached = this.entries.get(userId);
    if (cached && cached.expiresAt > this.now()) return cached.role;
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const query = this.lookup(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, query);
    const role = await query;
    if (this.ttlMs > 0) this.remember(userId, role);
    return role;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  private remember(userId: string, role: Role | null): void {
    this.entries.delete(userId);
    // Maps iterate in insertion order: dropping the first entry drops the oldest.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(userId, { role, expiresAt: this.now() + this.ttlMs });
  }
}
