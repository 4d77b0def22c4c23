// What every scenario provides to the runner (scripts/loadtest/main.ts).
import type { LoadClient } from './client.js';
import type { RunClock } from './engine.js';
import type { Recorder } from './recorder.js';
import type { Arrival, Stage } from './schedule.js';

export interface Invariant {
  name: string;
  holds: boolean;
  /** The figures it compared, in words. */
  detail: string;
}

export interface RunOptions {
  target: string;
  rate: number;
  duration: number;
  /** The rate in the spike stage, as a multiple of `rate`. */
  spike: number;
  timeoutMs: number;
  connections: number;
  maxAttempts: number;
  units: number;
  limit: number;
  declineShare: number;
  abandonShare: number;
  overLimitShare: number;
  holdTtl: number;
  /** How long verification waits for the run's checkouts to settle (s). */
  settleSeconds: number;
  registerConcurrency: number;
  /** Seed of the buyers' mix (intents, quantities). */
  seed: number;
  databaseUrl: string;
  metricsUrls: Record<string, string>;
  scrapeSeconds: number;
  log: (line: string) => void;
}

export interface ScenarioContext {
  options: RunOptions;
  client: LoadClient;
  recorder: Recorder;
  /** Set by the runner when the load starts (sessions may need it for their own waits). */
  clock: RunClock;
  /** Headers that make a request count as virtual shopper `n` (its own address) when the platform trusts us to say so. */
  shopperHeaders(n: number): Record<string, string>;
}

export interface Scenario<State = unknown> {
  name: string;
  summary: string;
  /** The knobs it reads, for --help. */
  knobs: string[];
  stages(options: RunOptions): Stage[];
  /** Everything before the load: accounts, products, the sale. Not measured. */
  setup(ctx: ScenarioContext, arrivals: readonly Arrival[]): Promise<State>;
  /** Called once the clock exists, just before the first arrival (e.g. to schedule around it). */
  session(ctx: ScenarioContext, state: State, index: number, arrival: Arrival, dueAt: number): Promise<void>;
  /** After the load: the invariants, from the platform's APIs and databases. */
  verify(ctx: ScenarioContext, state: State): Promise<{ invariants: Invariant[]; facts: Record<string, unknown> }>;
}
