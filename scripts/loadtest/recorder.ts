// What the run measured: every request attempt by stage, endpoint and second, latencies in HDR
// histograms (microseconds, 3 significant digits), and each session's funnel steps and refusals.
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** How one attempt ended: an HTTP status, or no answer in time / at all. */
export type Outcome = { status: number; code?: string } | { status: 'timeout' } | { status: 'error'; message: string };

function newHistogram(): Histogram {
  // Up to an hour, in µs.
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  'p99.9': number;
  max: number;
}

function percentilesOf(h: Histogram): Percentiles {
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    'p99.9': ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
  };
}

class Tally {
  sent = 0;
  ok = 0;
  /** 4xx by `status code` (e.g. "409 OUT_OF_STOCK"). */
  clientErrors: Record<string, number> = {};
  serverErrors = 0;
  timeouts = 0;
  transportErrors = 0;
  readonly latency = newHistogram();

  add(outcome: Outcome, ms: number): void {
    this.sent++;
    if (outcome.status === 'timeout') this.timeouts++;
    else if (outcome.status === 'error') this.transportErrors++;
    else {
      // Latency of every answer, refusals included: a fast 409 is an answer too.
      this.latency.recordValue(Math.max(1, Math.round(ms * 1000)));
      if (outcome.status < 400) this.ok++;
      else if (outcome.status < 500) {
        const key = `${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`;
        this.clientErrors[key] = (this.clientErrors[key] ?? 0) + 1;
      } else this.serverErrors++;
    }
  }

  /** Errors for the error rate: 5xx, timeouts and transport failures (4xx are the platform's answers). */
  get errors(): number {
    return this.serverErrors + this.timeouts + this.transportErrors;
  }

  summary() {
    return {
      sent: this.sent,
      ok: this.ok,
      clientErrors: this.clientErrors,
      serverErrors: this.serverErrors,
      timeouts: this.timeouts,
      transportErrors: this.transportErrors,
      errorRate: this.sent ? this.errors / this.sent : 0,
      latencyMs: percentilesOf(this.latency),
    };
  }
}

export type TallySummary = ReturnType<Tally['summary']>;

export class Recorder {
  private readonly byStage = new Map<string, { all: Tally; arrivalsOffered: number; arrivalsStarted: number; maxStartLagMs: number; firstMs: number; lastMs: number }>();
  private readonly byEndpoint = new Map<string, Tally>();
  private readonly bySecond = new Map<number, { sent: number; ok: number; errors: number; arrivals: number; latency: Histogram }>();
  private readonly overall = new Tally();
  private readonly setup = new Tally();
  readonly funnel: Record<string, number> = {};
  readonly refusals: Record<string, number> = {};

  constructor(private readonly stageNames: readonly string[]) {
    for (const name of stageNames) this.byStage.set(name, { all: new Tally(), arrivalsOffered: 0, arrivalsStarted: 0, maxStartLagMs: 0, firstMs: Infinity, lastMs: 0 });
  }

  private stage(name: string) {
    let s = this.byStage.get(name);
    if (!s) {
      s = { all: new Tally(), arrivalsOffered: 0, arrivalsStarted: 0, maxStartLagMs: 0, firstMs: Infinity, lastMs: 0 };
      this.byStage.set(name, s);
    }
    return s;
  }

  private second(atMs: number) {
    const key = Math.max(0, Math.floor(atMs / 1000));
    let s = this.bySecond.get(key);
    if (!s) {
      s = { sent: 0, ok: 0, errors: 0, arrivals: 0, latency: newHistogram() };
      this.bySecond.set(key, s);
    }
    return s;
  }

  offered(stage: string): void {
    this.stage(stage).arrivalsOffered++;
  }

  /** A session started `lagMs` after it was due (the generator's own delay: it should stay near 0). */
  started(stage: string, atMs: number, lagMs: number): void {
    const s = this.stage(stage);
    s.arrivalsStarted++;
    s.maxStartLagMs = Math.max(s.maxStartLagMs, lagMs);
    this.second(atMs).arrivals++;
  }

  /** One attempt of a request sent at `atMs` (from the run's start) in `stage`. */
  attempt(stage: string, endpoint: string, atMs: number, outcome: Outcome, ms: number): void {
    // Setup (accounts, the sale) is not the load: kept apart from every figure of the run.
    if (stage === 'setup') {
      this.setup.add(outcome, ms);
      return;
    }
    const s = this.stage(stage);
    s.all.add(outcome, ms);
    s.firstMs = Math.min(s.firstMs, atMs);
    s.lastMs = Math.max(s.lastMs, atMs + ms);
    let e = this.byEndpoint.get(endpoint);
    if (!e) this.byEndpoint.set(endpoint, (e = new Tally()));
    e.add(outcome, ms);
    this.overall.add(outcome, ms);
    const sec = this.second(atMs);
    sec.sent++;
    if (typeof outcome.status === 'number' && outcome.status < 400) sec.ok++;
    if (outcome.status === 'timeout' || outcome.status === 'error' || (typeof outcome.status === 'number' && outcome.status >= 500)) sec.errors++;
    if (typeof outcome.status === 'number') sec.latency.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  step(name: string): void {
    this.funnel[name] = (this.funnel[name] ?? 0) + 1;
  }

  refused(reason: string): void {
    this.refusals[reason] = (this.refusals[reason] ?? 0) + 1;
  }

  summary(stageSeconds: Record<string, number>) {
    const stages = [...this.byStage.entries()].map(([name, s]) => {
      const seconds = stageSeconds[name] ?? Math.max(0.001, (s.lastMs - s.firstMs) / 1000);
      const tally = s.all.summary();
      return {
        name,
        seconds,
        arrivalsOffered: s.arrivalsOffered,
        arrivalsStarted: s.arrivalsStarted,
        offeredRate: s.arrivalsOffered / seconds,
        achievedRate: s.arrivalsStarted / seconds,
        maxStartLagMs: Math.round(s.maxStartLagMs * 100) / 100,
        requestsPerSecond: tally.sent / seconds,
        answersOkPerSecond: tally.ok / seconds,
        ...tally,
      };
    });
    const endpoints = Object.fromEntries([...this.byEndpoint.entries()].map(([name, t]) => [name, t.summary()]));
    const seconds = [...this.bySecond.entries()]
      .sort(([a], [b]) => a - b)
      .map(([second, s]) => ({ second, arrivals: s.arrivals, sent: s.sent, ok: s.ok, errors: s.errors, latencyMs: percentilesOf(s.latency) }));
    return { overall: this.overall.summary(), setup: this.setup.summary(), stages, endpoints, seconds, funnel: this.funnel, refusals: this.refusals };
  }
}

export type RunSummary = ReturnType<Recorder['summary']>;
