// Scrapes the platform's Prometheus /metrics during the run: the series that tell what the
// platform was doing under the load (inventory batch sizes and mailbox depth, saga outcomes,
// circuit breakers, rate-limit refusals, each process's CPU), one sample every few seconds.
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

/** Families worth following under load; everything else in /metrics is left out of the report. */
const FOLLOWED = /^(inventory_batch_size|inventory_mailbox_depth|inventory_reservations_refused_total|inventory_batch_conflicts_total|payments_checkouts_(started|settled)_total|payments_saga_steps_total|payments_sagas_dead_total|gateway_upstream_circuit_state|gateway_rate_limited_total|gateway_upstream_retries_total|process_cpu_seconds_total|nodejs_eventloop_lag_p99_seconds|http_requests_total)(_sum|_count|_bucket)?$/;

export interface Sample {
  /** Seconds from the run's start. */
  at: number;
  values: Record<string, number>;
}

/** `name{labels} value` lines of the followed families (histogram buckets left out: sum and count are enough here). */
export function parsePrometheus(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name, labels = '', value] = match as unknown as [string, string, string | undefined, string];
    if (!FOLLOWED.test(name) || name.endsWith('_bucket')) continue;
    const number = Number(value);
    if (Number.isFinite(number)) values[`${name}${labels}`] = number;
  }
  return values;
}

export class MetricsScraper {
  readonly samples: Record<string, Sample[]> = {};
  readonly failures: Record<string, number> = {};
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly targets: Record<string, string>,
    private readonly everySeconds: number,
    private readonly elapsedSeconds: () => number,
  ) {}

  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        await this.scrapeOnce();
        await sleep(this.everySeconds * 1000);
      }
    })();
  }

  async scrapeOnce(): Promise<void> {
    const at = Math.round(this.elapsedSeconds() * 10) / 10;
    await Promise.all(
      Object.entries(this.targets).map(async ([name, url]) => {
        try {
          const res = await request(url, { headersTimeout: 2000, bodyTimeout: 2000 });
          const text = await res.body.text();
          if (res.statusCode !== 200) throw new Error(String(res.statusCode));
          (this.samples[name] ??= []).push({ at, values: parsePrometheus(text) });
        } catch {
          this.failures[name] = (this.failures[name] ?? 0) + 1;
        }
      }),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.scrapeOnce();
  }

  /** The increase of every followed counter over the run, per target (last − first sample). */
  deltas(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, samples] of Object.entries(this.samples)) {
      const first = samples[0]?.values ?? {};
      const last = samples.at(-1)?.values ?? {};
      out[name] = Object.fromEntries(Object.entries(last).map(([k, v]) => [k, Math.round((v - (first[k] ?? 0)) * 1000) / 1000]));
    }
    return out;
  }
}
