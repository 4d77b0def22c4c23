export interface RestartPolicy {
  /** Delay before the first restart. */
  readonly initialDelayMs: number;
  /** The backoff doubles per crash within the window up to this. */
  readonly maxDelayMs: number;
  /** Crashes older than this are forgotten (the service counts as healthy again). */
  readonly windowMs: number;
  /** This many crashes within the window is a crash loop. */
  readonly loopCrashes: number;
}

export interface RestartDecision {
  readonly delayMs: number;
  readonly crashesInWindow: number;
  readonly crashLoop: boolean;
  /** True only for the crash that enters the loop: report it once. */
  readonly newlyInCrashLoop: boolean;
  /** The crash times to remember (this one included, older ones dropped). */
  readonly recentCrashes: number[];
}

export const defaultRestartPolicy: RestartPolicy;
export function decideRestart(earlierCrashes: readonly number[], now: number, policy?: RestartPolicy): RestartDecision;
export function describeRestart(name: string, exit: { code: number | null; signal: string | null }, decision: RestartDecision, policy?: RestartPolicy): string;
