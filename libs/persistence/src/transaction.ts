import { setTimeout as sleep } from 'node:timers/promises';
import type { Prisma, PrismaClient } from './generated/prisma/client.js';

/** The client handed to a transaction's callback: every query through it is in the transaction. */
export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** How many times to re-run the callback after a serialization failure or deadlock (default 3). */
  retries?: number;
  /** Milliseconds the transaction may run (Prisma's default is 5 s). */
  timeout?: number;
  /** Milliseconds to wait for a connection to start it (Prisma's default is 2 s). */
  maxWait?: number;
}

/**
 * SQLSTATE 40001 serialization_failure and 40P01 deadlock_detected; Prisma reports both as
 * P2034 (and its pg adapter as kind TransactionWriteConflict). The transaction did nothing,
 * so running it again is the documented remedy.
 */
const RETRYABLE_CODES = new Set(['40001', '40P01', 'P2034']);

export function isRetryableTransactionError(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, kind, meta } = current as { code?: unknown; kind?: unknown; meta?: { code?: unknown } };
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    if (kind === 'TransactionWriteConflict') return true;
    if (typeof meta?.code === 'string' && RETRYABLE_CODES.has(meta.code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `fn` in one interactive transaction and re-runs it when Postgres aborted it for a
 * serialization failure or a deadlock. `fn` must therefore have no side effects outside
 * the transaction (no HTTP calls, no Redis writes).
 */
export async function withTransaction<T>(
  prisma: PrismaClient,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(fn, { isolationLevel: options.isolationLevel, timeout: options.timeout, maxWait: options.maxWait });
    } catch (err) {
      if (attempt >= retries || !isRetryableTransactionError(err)) throw err;
      // Jittered backoff so the transactions that collided do not collide again in lockstep.
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
