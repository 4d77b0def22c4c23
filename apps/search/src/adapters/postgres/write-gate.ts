/**
 * Lets many writes run at once but none while the rebuild's table swap runs: the swap renames the
 * tables the writes name, so it waits for the writes in flight and holds new ones until it is done.
 */
export class WriteGate {
  private inFlight = 0;
  private drained: (() => void) | null = null;
  private closed: Promise<void> | null = null;

  /** Runs a write, after any swap in progress. */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.drained) this.drained();
    }
  }

  /** Runs `fn` alone: no write runs while it does. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    let reopen = (): void => undefined;
    this.closed = new Promise<void>((resolve) => (reopen = resolve));
    try {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await fn();
    } finally {
      this.closed = null;
      reopen();
    }
  }
}
