import { describe, expect, it } from 'vitest';
import { expectedUnitsSold, planBuyers } from '../../scripts/loadtest/buyers.js';
import { retryAfterSeconds } from '../../scripts/loadtest/client.js';
import { parsePrometheus } from '../../scripts/loadtest/metrics-scrape.js';
import { Recorder } from '../../scripts/loadtest/recorder.js';
import { arrivalSchedule, offeredRateAt, stageAt } from '../../scripts/loadtest/schedule.js';
import { evaluateThresholds, parseThreshold } from '../../scripts/loadtest/thresholds.js';

/** The load test's pure parts (scripts/loadtest): the arrival schedule, thresholds, the buyer mix and its expected sale, the figures. */
describe('load test: arrival schedule', () => {
  it('spaces a constant rate evenly and counts rate × seconds arrivals', () => {
    const arrivals = arrivalSchedule([{ name: 'steady', seconds: 2, fromRate: 5, toRate: 5 }]);
    expect(arrivals).toHaveLength(10);
    expect(arrivals[0]!.atMs).toBeCloseTo(100);
    expect(arrivals[1]!.atMs - arrivals[0]!.atMs).toBeCloseTo(200);
    expect(arrivals.every((a) => a.stage === 'steady')).toBe(true);
  });

  it('packs a ramp ever closer and plays stages one after the other', () => {
    const arrivals = arrivalSchedule([
      { name: 'ramp', seconds: 10, fromRate: 0, toRate: 10 },
      { name: 'spike', seconds: 1, fromRate: 40, toRate: 40 },
    ]);
    const ramp = arrivals.filter((a) => a.stage === 'ramp');
    expect(ramp).toHaveLength(50);
    const gaps = ramp.slice(1).map((a, i) => a.atMs - ramp[i]!.atMs);
    expect(gaps[0]!).toBeGreaterThan(gaps.at(-1)!);
    const spike = arrivals.filter((a) => a.stage === 'spike');
    expect(spike).toHaveLength(40);
    expect(spike.every((a) => a.atMs >= 10_000 && a.atMs <= 11_000)).toBe(true);
    expect(offeredRateAt([{ name: 'ramp', seconds: 10, fromRate: 0, toRate: 10 }], 5000)).toBeCloseTo(5);
    expect(stageAt([{ name: 'a', seconds: 1, fromRate: 1, toRate: 1 }, { name: 'b', seconds: 1, fromRate: 1, toRate: 1 }], 1500)).toBe('b');
  });
});

describe('load test: thresholds', () => {
  it('parses k6-style expressions and judges them against the figures', () => {
    const ts = ['p99<250', 'error_rate<0.01', 'hold.p99.9<=1000', 'achieved_ratio>0.95'].map(parseThreshold);
    expect(ts.map((t) => t.metric)).toEqual(['p99', 'error_rate', 'hold.p99.9', 'achieved_ratio']);
    const figures: Record<string, number> = { p99: 300, error_rate: 0, 'hold.p99.9': 1000, achieved_ratio: 0.9 };
    expect(evaluateThresholds(ts, (m) => figures[m] ?? null).map((r) => r.passed)).toEqual([false, true, true, false]);
    expect(evaluateThresholds([parseThreshold('p95<10')], () => null)[0]!.passed).toBe(false);
  });

  it('refuses what it cannot judge, naming the metric', () => {
    expect(() => parseThreshold('p98<10')).toThrow(/unknown metric "p98"/);
    expect(() => parseThreshold('p99 less than 10')).toThrow(/expected <metric><op><number>/);
  });
});

describe('load test: the buyers and what the sale should sell', () => {
  it('draws the same mix from the same seed, with the shares asked for', () => {
    const mix = { declineShare: 0.2, abandonShare: 0.1, overLimitShare: 0.1, limit: 2, seed: 7 };
    const a = planBuyers(2000, mix);
    expect(planBuyers(2000, mix)).toEqual(a);
    const declines = a.filter((b) => b.intent === 'decline').length / a.length;
    expect(declines).toBeGreaterThan(0.15);
    expect(declines).toBeLessThan(0.25);
    expect(a.every((b) => b.wants >= 1 && b.wants <= 3)).toBe(true);
  });

  it('expects min(units, paying demand within the limit), leaving out decliners, abandoners and buyers lost to errors', () => {
    const buyers = [
      { intent: 'approve' as const, wants: 3, gaveUpOnError: false }, // counts 2 (limit)
      { intent: 'approve' as const, wants: 1, gaveUpOnError: false },
      { intent: 'approve' as const, wants: 2, gaveUpOnError: true },
      { intent: 'decline' as const, wants: 2, gaveUpOnError: false },
      { intent: 'abandon' as const, wants: 2, gaveUpOnError: false },
    ];
    expect(expectedUnitsSold(100, 2, buyers)).toEqual({ expected: 3, demand: 3 });
    expect(expectedUnitsSold(2, 2, buyers)).toEqual({ expected: 2, demand: 3 });
  });
});

describe('load test: figures', () => {
  it('tallies answers by stage and endpoint, 4xx by code, and keeps setup out of the run', () => {
    const r = new Recorder(['ramp']);
    r.attempt('ramp', 'hold', 10, { status: 201 }, 5);
    r.attempt('ramp', 'hold', 20, { status: 409, code: 'OUT_OF_STOCK' }, 3);
    r.attempt('ramp', 'checkout', 1200, { status: 503 }, 7);
    r.attempt('ramp', 'checkout', 1300, { status: 'timeout' }, 5000);
    r.attempt('setup', 'setup', 0, { status: 500 }, 1);
    const s = r.summary({ ramp: 2 });
    expect(s.overall).toMatchObject({ sent: 4, ok: 1, serverErrors: 1, timeouts: 1, clientErrors: { '409 OUT_OF_STOCK': 1 }, errorRate: 0.5 });
    expect(s.setup.sent).toBe(1);
    expect(s.endpoints.hold!.latencyMs.count).toBe(2);
    expect(s.seconds.map((x) => x.sent)).toEqual([2, 2]);
    expect(s.overall.latencyMs.max).toBeCloseTo(7, 1);
  });

  it('reads Retry-After as seconds or a date, and 1 s when absent', () => {
    expect(retryAfterSeconds('3')).toBe(3);
    expect(retryAfterSeconds(undefined)).toBe(1);
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 5_000)).toBe(5);
  });

  it('keeps the followed Prometheus series and drops buckets and the rest', () => {
    const text = ['# HELP x', 'inventory_mailbox_depth{partition="0"} 4', 'inventory_batch_size_bucket{le="1"} 2', 'inventory_batch_size_sum 10', 'something_else 1'].join('\n');
    expect(parsePrometheus(text)).toEqual({ 'inventory_mailbox_depth{partition="0"}': 4, inventory_batch_size_sum: 10 });
  });
});
