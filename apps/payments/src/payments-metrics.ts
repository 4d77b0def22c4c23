import { Counter, type Registry } from 'prom-client';

export interface PaymentsMetrics {
  started: Counter;
  settled: Counter<'state'>;
  steps: Counter<'step' | 'kind' | 'result'>;
  dead: Counter<'step'>;
  /** Registers every metric in the service's registry (it exists once the service booted). */
  register(registry: Registry): void;
}

/** Checkout saga metrics: checkouts started, how they settled, step results and dead sagas. */
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
  return {
    started,
    settled,
    steps,
    dead,
    register(registry) {
      registry.registerMetric(started);
      registry.registerMetric(settled);
      registry.registerMetric(steps);
      registry.registerMetric(dead);
    },
  };
}

