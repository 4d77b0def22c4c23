/** Something waiting in a mailbox, with when it arrived (epoch ms). */
export interface Queued {
  queuedAt: number;
}

/**
 * A partition's bounded queue of commands, oldest first. Beyond `limit` the actor refuses at once
 * (OverloadedError) rather than queue without bound; commands put back after a refused batch go
 * to the head and may briefly exceed it.
 */
export class Mailbox<T extends Queued> {
  private readonly items: T[] = [];

  constructor(readonly limit: number) {}

  get length(): number {
    return this.items.length;
  }

  get isFull(): boolean {
    return this.items.length >= this.limit;
  }

  /** The oldest waiting, not taken. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Callers check `isFull` first. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Takes up to `max` of the oldest. */
  take(max: number): T[] {
    return this.items.splice(0, max);
  }

  /** Takes up to `max` of the oldest, stopping at the first that does not match. */
  takeWhile(max: number, matches: (item: T) => boolean): T[] {
    let n = 0;
    while (n < this.items.length && n < max && matches(this.items[n]!)) n++;
    return this.items.splice(0, n);
  }

  /** Takes the oldest that arrived at or before `time` (they waited too long). */
  takeQueuedBy(time: number): T[] {
    let n = 0;
    while (n < this.items.length && this.items[n]!.queuedAt <= time) n++;
    return n === 0 ? [] : this.items.splice(0, n);
  }

  /** Puts items back at the head, in their order (to be decided again first). */
  putBack(items: readonly T[]): void {
    this.items.unshift(...items);
  }

  takeAll(): T[] {
    return this.items.splice(0);
  }
}
