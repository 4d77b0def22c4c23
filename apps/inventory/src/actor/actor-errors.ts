/** The partition's mailbox is full: refuse at once (503 + Retry-After) rather than queue without bound. */
export class OverloadedError extends Error {
  constructor(readonly partition: number) {
    super(`partition ${partition} is overloaded; retry shortly`);
    this.name = 'OverloadedError';
  }
}

/** This instance does not (or not yet, or no longer) serve the partition. */
export class PartitionUnavailableError extends Error {
  constructor(
    readonly partition: number,
    reason: string,
  ) {
    super(`partition ${partition} is not available here (${reason}); retry shortly`);
    this.name = 'PartitionUnavailableError';
  }
}
