import { Counter, Gauge, type Registry } from 'prom-client';

export interface PaymentsMetrics {
  started: Counter;
  settled: Counter<'state'>;
  steps: Counter<'step' | 'kind' | 'result'>;
  dead: Counter<'step'>;
  /** Reads, at each scrape, how many sagas this process is running on after their requests. */
  countRunningAfterRequest(count: () => number): void;
  /** Registers every metric in the service's registry (it exists once the service booted). */
  register(registry: Registry): void;
}

/** Checkout saga metrics: checkouts started, how they settled, step results, dead sagas and sagas running after their requests. */
export function createPaymentsMetrics(): PaymentsMetrics {
  const started = new Counter({ name: 'payments_checkouts_started_total', help: 'Checkouts accepted (replays not counted)', registers: [] });
  const settled = new Counter({
    name: 'payments_checkouts_settled_total',
    help: 'Checkout sagas settled, by final state (completed, cancelled, rejected)',
    labelNames: ['state'],
    registers: [],
  });
  const steps = new Counter({
    name: 'payments_saga_steps_total',
    help: 'Saga step runs by step, kind (invoke, compensate) and result (succeeded, retried)',
    labelNames: ['step', 'kind', 'result'],
    registers: [],
  });
  const dead = new Counter({ name: 'payments_sagas_dead_total', help: 'Sagas whose step exhausted its retries, by step', labelNames: ['step'], registers: [] });
  let runningAfterRequest = () => 0;
  const running = new Gauge({
    name: 'payments_sagas_running_after_request',
    help: 'Sagas this process is running on after their requests (at most SAGA_CONCURRENCY; past that new ones are queued)',
    registers: [],
    collect() {
      this.set(runningAfterRequest());
    },
  });
  return {
    started,
    settled,
    steps,
    dead,
    countRunningAfterRequest(count) {
      runningAfterRequest = count;
    },
    register(registry) {
      registry.registerMetric(running);
      registry.registerMetric(started);
      registry.registerMetric(settled);
      registry.registerMetric(steps);
      registry.registerMetric(dead);
    },
  };
}

