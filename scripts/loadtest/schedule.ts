// The open model's arrival schedule: stages of a rate that holds or moves linearly, turned into the
// instants sessions are due. The engine starts each session at its instant whatever the earlier
// ones are doing, so a slow platform shows as latency and refusals, never as fewer arrivals.

export interface Stage {
  name: string;
  seconds: number;
  /** Arrivals per second at the stage's start. */
  fromRate: number;
  /** Arrivals per second at its end (a ramp when it differs from `fromRate`). */
  toRate: number;
}

export interface Arrival {
  /** Milliseconds from the run's start. */
  atMs: number;
  stage: string;
}

/**
 * The arrival instants of `stages` played one after the other. Within a stage the rate moves
 * linearly from `fromRate` to `toRate`; arrival k is due when the integral of the rate reaches k
 * (so a constant rate r gives arrivals 1/r apart, a ramp spaces them ever closer).
 */
export function arrivalSchedule(stages: readonly Stage[]): Arrival[] {
  const arrivals: Arrival[] = [];
  let stageStartMs = 0;
  for (const stage of stages) {
    const { seconds, fromRate: a, toRate: b } = stage;
    if (seconds <= 0) continue;
    // Arrivals expected by time t (s) into the stage: a·t + (b − a)·t² / (2·seconds).
    const total = ((a + b) / 2) * seconds;
    const count = Math.floor(total + 1e-9);
    const slope = (b - a) / seconds;
    for (let k = 0; k < count; k++) {
      // Solve a·t + slope·t²/2 = k + 0.5 (each arrival in the middle of its share) for t ≥ 0.
      const target = k + 0.5;
      const t = Math.abs(slope) < 1e-12 ? target / a : (-a + Math.sqrt(Math.max(0, a * a + 2 * slope * target))) / slope;
      arrivals.push({ atMs: stageStartMs + Math.min(t, seconds) * 1000, stage: stage.name });
    }
    stageStartMs += seconds * 1000;
  }
  return arrivals;
}

/** The offered rate (arrivals per second) at `ms` from the start, for the report's "offered" line. */
export function offeredRateAt(stages: readonly Stage[], ms: number): number {
  let start = 0;
  for (const stage of stages) {
    const end = start + stage.seconds * 1000;
    if (ms < end) return stage.fromRate + ((stage.toRate - stage.fromRate) * (ms - start)) / (stage.seconds * 1000);
    start = end;
  }
  return 0;
}

export function totalSeconds(stages: readonly Stage[]): number {
  return stages.reduce((sum, s) => sum + s.seconds, 0);
}

/** The stage a moment falls in (the last one after the end). */
export function stageAt(stages: readonly Stage[], ms: number): string {
  let start = 0;
  for (const stage of stages) {
    start += stage.seconds * 1000;
    if (ms < start) return stage.name;
  }
  return stages.at(-1)?.name ?? 'run';
}
