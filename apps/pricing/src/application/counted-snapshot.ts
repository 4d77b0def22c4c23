/** A counter every instance shares (Redis) that moves after a write commits. */
export interface ChangeCounter {
  /** The current value; throws when it cannot be read. */
  current(): Promise<string>;
}

/**
 * A whole small table held in memory for a hot path, loaded again when the shared change counter
 * moved. `get` answers null when the counter cannot be read: the caller reads through to the
 * store, so an outage of Redis never serves what a write on another instance replaced. A failed
 * load is not kept.
 */
export class CountedSnapshot<T, A = void> {
  private version: string | null = null;
  private value: Promise<T> | null = null;

  constructor(
    private readonly counter: ChangeCounter,
    private readonly load: (arg: A) => Promise<T>,
  ) {}

  /** `arg` goes to `load` when this call loads (e.g. the instant a time-dependent load is for). */
  async get(arg: A): Promise<T | null> {
    let version: string;
    try {
      version = await this.counter.current();
    } catch {
      this.drop();
      return null;
    }
    if (version !== this.version || !this.value) {
      const loading = this.load(arg);
      this.version = version;
      this.value = loading;
      loading.catch(() => {
        if (this.value === loading) this.drop();
      });
    }
    return this.value;
  }

  /** Forgets the snapshot: the next `get` loads it again. */
  drop(): void {
    this.version = null;
    this.value = null;
  }
}
