import type { Clock, EventEnvelope } from '@shop/contracts';
import { Histogram, type Registry } from 'prom-client';

/** Seconds from an event's occurredAt to its change being in the index, per stream. */
export type IndexLag = (stream: string, envelope: Pick<EventEnvelope, 'occurredAt'>) => void;

export function indexLagMetric(registry: Registry, clock: Clock): IndexLag {
  const lag = new Histogram<'stream'>({
    name: 'search_index_lag_seconds',
    help: 'Seconds from an event occurring (occurredAt) to its change applied to the search index, by stream',
    labelNames: ['stream'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  return (stream, envelope) => {
    const seconds = (clock.now().getTime() - Date.parse(envelope.occurredAt)) / 1000;
    lag.observe({ stream }, Math.max(0, seconds));
  };
}
