import { Counter, type Registry } from 'prom-client';

export interface OrdersMetrics {
  created: Counter;
  statusChanges: Counter<'from' | 'to'>;
  refusedTransitions: Counter<'code'>;
}

export function createOrdersMetrics(registry: Registry): OrdersMetrics {
  return {
    created: new Counter({ name: 'orders_created_total', help: 'Orders created (idempotent retries not counted)', registers: [registry] }),
    statusChanges: new Counter({
      name: 'orders_status_changes_total',
      help: 'Order status changes applied, by from and to status',
      labelNames: ['from', 'to'],
      registers: [registry],
    }),
    refusedTransitions: new Counter({
      name: 'orders_transitions_refused_total',
      help: 'Order status changes refused, by error code (ILLEGAL_TRANSITION, CONFLICT, REASON_REQUIRED)',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}
