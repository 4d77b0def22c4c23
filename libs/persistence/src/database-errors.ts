import { isDependencyUnavailable } from '@shop/observability';

/**
 * Whether an error means "the database cannot be reached right now" (as opposed to a bad
 * query or a constraint violation): callers answer 503, retry, or print one line for these.
 * The codes and messages of every driver are recognised in one place, @shop/observability.
 */
export function isDatabaseUnavailableError(err: unknown): boolean {
  return isDependencyUnavailable(err);
}
