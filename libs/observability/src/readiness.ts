/** One dependency a service needs before it can take traffic (database, Redis, ...). */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

export interface ReadinessReport {
  ready: boolean;
  /** `up`, or `down: <reason>`, per check name. */
  checks: Record<string, string>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs every check in parallel, each bounded by `timeoutMs` so a hung dependency makes the
 * service unready instead of hanging the probe.
 */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => [name, await runOne(check, timeoutMs)] as const),
  );
  return {
    ready: results.every(([, status]) => status === 'up'),
    checks: Object.fromEntries(results),
  };
}

async function runOne(check: () => Promise<void>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${describe(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
