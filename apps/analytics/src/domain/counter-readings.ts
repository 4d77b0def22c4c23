import { FailureCode, type RefusalReason } from '@shop/contracts';
import { Figure, refusedFigure } from './figures.js';

/**
 * Figures no event carries, read from the services' Prometheus counters: refused reservations
 * (inventory), shed checkout and reservation requests (the gateway's rate limits) and dead sagas
 * (payments). A reading is a counter's current total; the store turns successive readings
 * into per-minute increments.
 */
export interface CounterSample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface CounterReading {
  /** Where it was read and what it counts: the store keeps the last value per key. */
  key: string;
  figure: string;
  value: number;
}

/** Which refusal an inventory failure code is. */
export function refusalReasonOf(code: string): RefusalReason {
  if (code === FailureCode.OUT_OF_STOCK) return 'sold_out';
  if (code === FailureCode.LIMIT_EXCEEDED) return 'limit';
  if (code === FailureCode.OVERLOADED || code === FailureCode.PARTITION_UNAVAILABLE || code === FailureCode.DEPENDENCY_UNAVAILABLE || code === FailureCode.RATE_LIMITED) return 'shed';
  return 'other';
}

/** The gateway's rate-limit classes that shed shoppers' buying requests. */
const SHEDDING_CLASSES = new Set(['reservation', 'checkout']);

/** The readings in one service's counters; counters of the same figure are summed. */
export function counterReadings(source: string, samples: readonly CounterSample[]): CounterReading[] {
  const sums = new Map<string, number>();
  const add = (figure: string, value: number) => sums.set(figure, (sums.get(figure) ?? 0) + value);
  for (const sample of samples) {
    if (sample.name === 'inventory_reservations_refused_total') add(refusedFigure(refusalReasonOf(sample.labels.code ?? '')), sample.value);
    else if (sample.name === 'gateway_rate_limited_total' && SHEDDING_CLASSES.has(sample.labels.class ?? '')) add(refusedFigure('shed'), sample.value);
    else if (sample.name === 'payments_sagas_dead_total') add(Figure.sagasDead, sample.value);
  }
  return [...sums.entries()].map(([figure, value]) => ({ key: `${source}:${figure}`, figure, value }));
}

/** How much a counter grew since the last reading; a counter that went down restarted from zero. */
export function counterIncrease(previous: number | undefined, current: number): number {
  if (previous === undefined) return 0; // the first reading is the baseline: history before it is not this window's
  return current >= previous ? current - previous : current;
}

const CIRCUIT_STATES = ['closed', 'open', 'half-open', 'isolated'] as const;

/** The gateway's breakers from its `gateway_upstream_circuit_state` gauge (cockatiel's CircuitState numbers). */
export function breakerStates(samples: readonly CounterSample[]): { upstream: string; state: (typeof CIRCUIT_STATES)[number] }[] {
  return samples
    .filter((s) => s.name === 'gateway_upstream_circuit_state' && s.labels.upstream !== undefined)
    .map((s) => ({ upstream: s.labels.upstream!, state: CIRCUIT_STATES[s.value] ?? 'closed' }))
    .sort((a, b) => a.upstream.localeCompare(b.upstream));
}
