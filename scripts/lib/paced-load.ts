// An open-model load for latency figures: requests arrive at an even rate whatever the answers do.
//
// autocannon's overallRate is not that: each connection sends its share of the second's requests
// back to back when the second starts, then waits, so every second begins with a burst and the
// percentiles measure queueing behind the burst rather than the service. Here request i is due at
// start + i / rate and its latency counts from that instant, so a slow answer that delays the next
// ones shows in the figures (no coordinated omission).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

export interface PacedLoadOptions {
  url: string;
  /** A mix of request paths (with their query strings) on `url`'s origin, sent in turn; `url`'s own path when absent. */
  paths?: readonly string[];
  /** Arrivals per second. */
  rate: number;
  seconds: number;
  /** Connections the load may use at once; a request waits for a free one (that wait counts). */
  connections: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Headers of request i on top of `headers` (e.g. a fresh idempotency key each). */
  headersFor?: (index: number) => Record<string, string>;
  body?: string;
  /** Called with each 2xx answer's request index (into `paths`, modulo its length) and latency, ms. */
  onSample?: (index: number, ms: number) => void;
}

export interface PacedLoadResult {
  /** Latencies of the 2xx answers in ms, sorted ascending. */
  samples: number[];
  /** Non-2xx answers and transport errors. */
  failures: number;
  sent: number;
  seconds: number;
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1 });
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const samples: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  try {
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      inFlight.push(
        pool
          .request({
            path: options.paths?.length ? options.paths[i % options.paths.length]! : target.pathname + target.search,
            method: options.method ?? 'GET',
            headers: options.headersFor ? { ...options.headers, ...options.headersFor(i) } : options.headers,
            body: options.body,
          })
          .then(async (response) => {
            await response.body.dump();
            if (response.statusCode >= 200 && response.statusCode < 300) {
              const ms = performance.now() - due;
              samples.push(ms);
              options.onSample?.(i, ms);
            } else failures++;
          })
          .catch(() => {
            failures++;
          }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  samples.sort((a, b) => a - b);
  return { samples, failures, sent: total, seconds: (performance.now() - start) / 1000 };
}
