/** Time is injected so expiry, sale windows and timestamps are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The reason on an `endsAt` not after its `startsAt` (every window: sales, promotions, coupons, limits). */
export const ENDS_BEFORE_START = 'must be after the start';
