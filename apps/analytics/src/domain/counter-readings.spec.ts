import { describe, expect, it } from 'vitest';
import { breakerStates, counterIncrease, counterReadings, refusalReasonOf } from './counter-readings.js';

describe('counter readings', () => {
  it('maps inventory refusal codes to the dashboard reasons', () => {
    expect(['OUT_OF_STOCK', 'LIMIT_EXCEEDED', 'OVERLOADED', 'PARTITION_UNAVAILABLE', 'SKU_UNAVAILABLE'].map(refusalReasonOf)).toEqual(['sold_out', 'limit', 'shed', 'shed', 'other']);
  });

  it('sums the counters of one figure and keeps each source apart', () => {
    const readings = counterReadings('inventory', [
      { name: 'inventory_reservations_refused_total', labels: { code: 'OUT_OF_STOCK' }, value: 7 },
      { name: 'inventory_reservations_refused_total', labels: { code: 'OVERLOADED' }, value: 2 },
      { name: 'inventory_reservations_refused_total', labels: { code: 'PARTITION_UNAVAILABLE' }, value: 1 },
      { name: 'inventory_batch_retries_total', labels: {}, value: 99 },
    ]);
    expect(readings).toEqual([
      { key: 'inventory:refused:sold_out', figure: 'refused:sold_out', value: 7 },
      { key: 'inventory:refused:shed', figure: 'refused:shed', value: 3 },
    ]);
    expect(
      counterReadings('gateway', [
        { name: 'gateway_rate_limited_total', labels: { class: 'checkout' }, value: 4 },
        { name: 'gateway_rate_limited_total', labels: { class: 'default' }, value: 50 },
      ]),
    ).toEqual([{ key: 'gateway:refused:shed', figure: 'refused:shed', value: 4 }]);
    expect(counterReadings('payments', [{ name: 'payments_sagas_dead_total', labels: { step: 'capture' }, value: 1 }])).toEqual([
      { key: 'payments:sagas.dead', figure: 'sagas.dead', value: 1 },
    ]);
  });

  it('counts growth since the last reading; the first reading is a baseline; a reset counter restarted from zero', () => {
    expect(counterIncrease(undefined, 40)).toBe(0);
    expect(counterIncrease(40, 45)).toBe(5);
    expect(counterIncrease(45, 3)).toBe(3);
  });

  it('reads the gateway breakers by upstream', () => {
    expect(
      breakerStates([
        { name: 'gateway_upstream_circuit_state', labels: { upstream: 'orders' }, value: 1 },
        { name: 'gateway_upstream_circuit_state', labels: { upstream: 'catalog' }, value: 0 },
        { name: 'gateway_upstream_circuit_state', labels: { upstream: 'cart' }, value: 2 },
      ]),
    ).toEqual([
      { upstream: 'cart', state: 'half-open' },
      { upstream: 'catalog', state: 'closed' },
      { upstream: 'orders', state: 'open' },
    ]);
  });
});
