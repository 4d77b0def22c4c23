import { describe, expect, it } from 'vitest';
import { FAULTS, failures } from './chaos/chaos-run.js';
import { runChaos } from './chaos/chaos-suite.js';

/**
 * The CI-sized chaos suite (the full one is `npm run chaos`, which also writes
 * docs/reliability.md): every fault of the full run, one at a time, with a few checkouts and
 * reservations in flight, on a Postgres and Redis of its own (never the shared servers).
 */
describe('chaos: the platform rides out each fault with nothing lost and nothing stuck', () => {
  it('every fault: accepted checkouts settle, stock adds up, no charge without an order, outbox drained, a new checkout succeeds', async () => {
    const { outcomes, table } = await runChaos({ checkouts: 6, reservations: 6, downMs: 2_000, settleTimeoutMs: 45_000 }, (line) =>
      process.stdout.write(`[chaos] ${line}\n`),
    );
    process.stdout.write(`${table}\n`);
    expect(outcomes.map((o) => o.fault)).toEqual(FAULTS.map((f) => f.name));
    expect(failures(outcomes)).toBe('');
    // Each kill -9 was healed by the runner, not by the test.
    for (const o of outcomes.filter((x) => x.fault.startsWith('kill -9'))) expect(o.restarts.join('\n')).toMatch(/was killed by SIGKILL; restarting in/);
  }, 600_000);
});
