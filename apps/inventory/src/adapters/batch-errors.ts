/** The partition's lease belongs to another owner (or another token): this writer is stale. */
export class FencedError extends Error {
  constructor(readonly partition: number) {
    super(`partition ${partition}: the lease belongs to another owner; the batch was not written`);
    this.name = 'FencedError';
  }
}

/** The database rows are not what the snapshot expected (it must be reloaded); nothing was written. */
export class DivergedError extends Error {
  constructor(
    readonly partition: number,
    cause: unknown,
  ) {
    super(`partition ${partition}: the rows differ from the snapshot (${messageOf(cause)}); the batch was not written`, { cause });
    this.name = 'DivergedError';
  }
}

/** An idempotency key of the batch is already used in the database; nothing was written. */
export class KeyConflictError extends Error {
  constructor(readonly partition: number) {
    super(`partition ${partition}: an idempotency key is already used; the batch was not written`);
    this.name = 'KeyConflictError';
  }
}

interface PgError {
  code?: string;
  constraint?: string;
}

/** Maps what Postgres said about a refused batch statement to the reason (or undefined: not a refusal). */
export function refusalOf(partition: number, err: unknown): Error | undefined {
  const { code, constraint } = (typeof err === 'object' && err !== null ? err : {}) as PgError;
  if (code === 'IV001') return new FencedError(partition);
  if (code === 'IV002' || code === '23514') return new DivergedError(partition, err);
  if (code === '23505') return constraint === 'reservation_idempotency_key_key' ? new KeyConflictError(partition) : new DivergedError(partition, err);
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
