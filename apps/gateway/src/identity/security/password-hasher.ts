import argon2 from 'argon2';

/**
 * argon2id with OWASP's minimum cost (19 MiB, 2 passes, 1 lane): about 20 ms per hash here,
 * expensive enough for offline guessing, cheap enough for a login burst. Hashing runs on
 * libuv's thread pool, off the event loop.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  private decoy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash (e.g. a deleted account's) never matches.
      return false;
    }
  }

  /**
   * Spends the time of a real verification for an unknown email, so response times do not
   * tell which addresses have accounts.
   */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy password, never matches a login');
    await this.verify(await this.decoy, password);
    return false;
  }
}
