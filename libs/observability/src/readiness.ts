import { isDependencyUnavailable } from './dependency-errors.js';

/** One dependency a service needs before it can take traffic (database, Redis, ...). */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

export interface ReadinessReport {
  ready: boolean;
  /**
   * `up`, or `down: <kind>` per check name, kind being `unreachable`, `timed out` or `failed`:
   * what a caller may see. Never the driver's message (it names hosts, ports, users).
   */
  checks: Record<string, string>;
  /** The full cause of each failed check, for the logs only. */
  causes: Record<string, string>;
}

class CheckTimeoutError extends Error {}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs every check in parallel, each bounded by `timeoutMs` so a hung dependency makes the
 * service unready instead of hanging the probe.
 */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(async ({ name, check }) => [name, await runOne(check, timeoutMs)] as const));
  const causes: Record<string, string> = {};
  for (const [name, result] of results) if (result.cause !== undefined) causes[name] = result.cause;
  return {
    ready: results.every(([, result]) => result.status === 'up'),
    checks: Object.fromEntries(results.map(([name, result]) => [name, result.status])),
    causes,
  };
}

async function runOne(check: () => Promise<void>, timeoutMs: number): Promise<{ status: string; cause?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    const kind = error instanceof CheckTimeoutError ? 'timed out' : isDependencyUnavailable(error) ? 'unreachable' : 'failed';
    return { status: `down: ${kind}`, cause: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
