import { describe, expect, it } from 'vitest';
import { silentLogger } from '@shop/observability';
import { startWhenReachable } from './start-when-reachable.js';

describe('startWhenReachable', () => {
  it('keeps starting a consumer in the background until it starts, logging each failure', async () => {
    let attempts = 0;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const consumer = {
      group: 'search.catalog',
      start: async () => {
        attempts++;
        if (attempts < 3) throw new Error('ECONNREFUSED');
        started();
      },
    };
    const warnings: unknown[] = [];
    startWhenReachable(consumer, { ...silentLogger, warn: (fields) => warnings.push(fields) }, 1);
    await running;
    expect(attempts).toBe(3);
    expect(warnings).toEqual([
      { err: 'ECONNREFUSED', group: 'search.catalog' },
      { err: 'ECONNREFUSED', group: 'search.catalog' },
    ]);
  });
});
