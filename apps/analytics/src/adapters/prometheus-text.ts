import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { CounterSample } from '../domain/counter-readings.js';

/** Counter and gauge samples of a Prometheus text exposition (histograms and summaries are skipped). */
export function samplesOf(exposition: string): CounterSample[] {
  const families = parsePrometheusTextFormat(exposition);
  return families
    .filter((family) => family.type === 'COUNTER' || family.type === 'GAUGE' || family.type === 'UNTYPED')
    .flatMap((family) =>
      family.metrics
        .filter((metric) => metric.value !== undefined && Number.isFinite(Number(metric.value)))
        .map((metric) => ({ name: family.name, labels: metric.labels ?? {}, value: Number(metric.value) })),
    );
}
