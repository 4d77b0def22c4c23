import type { BreakerState, Clock, ServiceHealth } from '@shop/contracts';
import { errorMessage, type Logger } from '@shop/observability';
import { breakerStates, counterIncrease, counterReadings, type CounterReading } from '../domain/counter-readings.js';
import type { FigureStore } from './figure-store.js';
import { samplesOf } from './prometheus-text.js';

export interface PlatformWatchOptions {
  /** Service name -> base URL; each is probed on /health/ready. */
  services: Record<string, string>;
  /** The gateway's metrics listener (its breakers and rate-limit counters). */
  gatewayMetricsUrl: string;
  store: FigureStore;
  clock: Clock;
  timeoutMs: number;
  logger: Logger;
}

/** Services whose /metrics carry figures no event does (see counter-readings.ts). */
const COUNTED_SERVICES = ['inventory', 'payments'] as const;

/**
 * Polls what the platform only tells when asked: each service's readiness, the gateway's circuit
 * breakers, and the counters of refusals, shed requests and dead sagas (turned into per-minute
 * increments in the store). A service that does not answer is `down`; polling goes on.
 */
export class PlatformWatch {
  private health = new Map<string, ServiceHealth>();
  private breakers: BreakerState[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly o: PlatformWatchOptions) {
    for (const name of Object.keys(o.services)) this.health.set(name, { name, status: 'unknown', checks: {}, checkedAt: null });
  }

  services(): ServiceHealth[] {
    return [...this.health.values()];
  }

  circuitBreakers(): BreakerState[] {
    return this.breakers;
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.running = this.pollOnce().finally(() => {
        this.running = undefined;
        if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: health of every service, then breakers and counters. */
  async pollOnce(): Promise<void> {
    await Promise.all(Object.entries(this.o.services).map(([name, url]) => this.probe(name, url)));
    const readings: CounterReading[] = [];
    for (const name of COUNTED_SERVICES) {
      const url = this.o.services[name];
      const text = url === undefined ? null : await this.text(`${url}/metrics`);
      if (text !== null) readings.push(...counterReadings(name, samplesOf(text)));
    }
    const gateway = await this.text(`${this.o.gatewayMetricsUrl}/metrics`);
    if (gateway !== null) {
      const samples = samplesOf(gateway);
      this.breakers = breakerStates(samples);
      readings.push(...counterReadings('gateway', samples));
    } else {
      this.breakers = [];
    }
    try {
      await this.o.store.addCounterReadings(readings, this.o.clock.now().getTime(), counterIncrease);
    } catch (err) {
      this.o.logger.warn({ err: errorMessage(err) }, 'could not store polled counters; next round retries');
    }
  }

  private async probe(name: string, url: string): Promise<void> {
    const checkedAt = this.o.clock.now().toISOString();
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(this.o.timeoutMs) });
      const body = (await res.json().catch(() => ({}))) as { checks?: Record<string, string> };
      this.health.set(name, { name, status: res.ok ? 'up' : 'down', checks: body.checks ?? {}, checkedAt });
    } catch (err) {
      this.health.set(name, { name, status: 'down', checks: { http: `down: ${errorMessage(err)}` }, checkedAt });
    }
  }

  private async text(url: string): Promise<string | null> {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.o.timeoutMs) });
      return res.ok ? await res.text() : null;
    } catch {
      return null;
    }
  }
}
