import { describe, expect, it } from 'vitest';
import { clampPrice, decideDemandPrice, isDue, sellThroughPerHour, type DemandRuleTerms } from './demand-rule.js';

const now = new Date('2026-12-05T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function rule(overrides: Partial<DemandRuleTerms> = {}): DemandRuleTerms {
  return {
    floor: 1500,
    ceiling: 2200,
    stepPercent: 5,
    intervalMinutes: 15,
    raiseAbovePerHour: 30,
    lowerBelowPerHour: 10,
    enabled: true,
    currentPrice: 2000,
    lastEvaluatedAt: minutesAgo(15),
    ...overrides,
  };
}

/** Units sold in a 15-minute window for a rate per hour. */
const units = (perHour: number) => (perHour * 15) / 60;

describe('decideDemandPrice', () => {
  it('raises by the step above the raise threshold and says why', () => {
    const d = decideDemandPrice(rule(), { listPrice: 1800, unitsSold: units(42), now });
    expect(d).toMatchObject({ kind: 'evaluated', from: 2000, to: 2100, changed: true, direction: 'raise', sellThroughPerHour: 42 });
    if (d.kind === 'evaluated') expect(d.reason).toBe('sold 42/h over the last 15 min, above 30/h: +5% to 2,100');
  });

  it('caps a raise at the ceiling and says so', () => {
    const d = decideDemandPrice(rule({ currentPrice: 2150 }), { listPrice: 1800, unitsSold: units(42), now });
    expect(d).toMatchObject({ kind: 'evaluated', from: 2150, to: 2200, changed: true });
    if (d.kind === 'evaluated') expect(d.reason).toBe('sold 42/h over the last 15 min, above 30/h: +5% to 2,200, capped at the ceiling');
  });

  it('lowers below the lower threshold and holds at the floor', () => {
    expect(decideDemandPrice(rule(), { listPrice: 1800, unitsSold: units(4), now })).toMatchObject({ to: 1900, direction: 'lower' });
    const atFloor = decideDemandPrice(rule({ currentPrice: 1520 }), { listPrice: 1800, unitsSold: 0, now });
    expect(atFloor).toMatchObject({ from: 1520, to: 1500, changed: true });
    if (atFloor.kind === 'evaluated') expect(atFloor.reason).toBe('sold 0/h over the last 15 min, below 10/h: -5% to 1,500, held at the floor');
    const stays = decideDemandPrice(rule({ currentPrice: 1500 }), { listPrice: 1800, unitsSold: 0, now });
    expect(stays).toMatchObject({ from: 1500, to: 1500, changed: false });
  });

  it('holds between the thresholds, at both edges', () => {
    for (const perHour of [10, 20, 30]) {
      expect(decideDemandPrice(rule(), { listPrice: 1800, unitsSold: units(perHour), now })).toMatchObject({ to: 2000, changed: false, direction: 'hold' });
    }
  });

  it('starts a first evaluation from the list price, clamped into the bounds', () => {
    const inside = decideDemandPrice(rule({ currentPrice: null, lastEvaluatedAt: null }), { listPrice: 1800, unitsSold: units(20), now });
    expect(inside).toMatchObject({ from: 1800, to: 1800, changed: false });
    const above = decideDemandPrice(rule({ currentPrice: null, lastEvaluatedAt: null }), { listPrice: 2500, unitsSold: units(20), now });
    expect(above).toMatchObject({ from: 2500, to: 2200, changed: true });
    if (above.kind === 'evaluated') {
      expect(above.reason).toBe('sold 20/h over the last 15 min, between 10/h and 30/h: held at 2,200, starting from the list price 2,500 brought to 2,200, capped at the ceiling');
    }
    const belowThenRaised = decideDemandPrice(rule({ currentPrice: null, lastEvaluatedAt: null }), { listPrice: 1000, unitsSold: units(60), now });
    expect(belowThenRaised).toMatchObject({ from: 1000, to: 1575, changed: true });
  });

  it('moves at most once per interval, and never when disabled', () => {
    expect(decideDemandPrice(rule({ lastEvaluatedAt: minutesAgo(14.99) }), { listPrice: 1800, unitsSold: 100, now }).kind).toBe('not-due');
    expect(decideDemandPrice(rule({ lastEvaluatedAt: minutesAgo(15) }), { listPrice: 1800, unitsSold: 100, now }).kind).toBe('evaluated');
    expect(decideDemandPrice(rule({ enabled: false }), { listPrice: 1800, unitsSold: 100, now }).kind).toBe('not-due');
    expect(isDue(rule({ lastEvaluatedAt: null }), now)).toBe(true);
    expect(isDue(rule({ lastEvaluatedAt: null, enabled: false }), now)).toBe(false);
  });

  it('always moves a tiny price by at least one minor unit', () => {
    const r = rule({ floor: 1, ceiling: 100, currentPrice: 10 });
    expect(decideDemandPrice(r, { listPrice: 10, unitsSold: 100, now })).toMatchObject({ to: 11 });
    expect(decideDemandPrice(r, { listPrice: 10, unitsSold: 0, now })).toMatchObject({ to: 9 });
  });

  it('measures units per hour over the window', () => {
    expect(sellThroughPerHour(10, 15)).toBe(40);
    expect(sellThroughPerHour(1, 7)).toBe(8.6);
    expect(clampPrice(5, { floor: 10, ceiling: 20 })).toBe(10);
  });
});

/** mulberry32: a seeded PRNG, so a failing run can be replayed from its seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a demand price never leaves its bounds (property)', () => {
  it('holds over 2,000 random rules, each run through 30 evaluations of random sales', () => {
    const seed = Number(process.env.DEMAND_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let moves = 0;
    const violations: string[] = [];
    for (let r = 0; r < 2_000; r++) {
      const floor = int(1, 100_000);
      const ceiling = floor + int(0, 100_000);
      const lower = random() * 100;
      const terms: DemandRuleTerms = {
        floor,
        ceiling,
        stepPercent: int(1, 50),
        intervalMinutes: int(1, 1440),
        lowerBelowPerHour: lower,
        raiseAbovePerHour: lower + random() * 100,
        enabled: true,
        currentPrice: null,
        lastEvaluatedAt: null,
      };
      const listPrice = int(1, 300_000);
      let at = now.getTime();
      for (let step = 0; step < 30; step++) {
        const d = decideDemandPrice(terms, { listPrice, unitsSold: int(0, 5_000), now: new Date(at) });
        if (d.kind !== 'evaluated') {
          violations.push(`seed ${seed}, rule ${r}, step ${step}: not evaluated although due`);
          break;
        }
        if (!(d.to >= floor && d.to <= ceiling && Number.isInteger(d.to))) {
          violations.push(`seed ${seed}, rule ${r}, step ${step}: ${d.to} outside [${floor}, ${ceiling}]`);
        }
        if (d.changed) moves++;
        terms.currentPrice = d.to;
        terms.lastEvaluatedAt = new Date(at);
        at += terms.intervalMinutes * 60_000;
      }
    }
    expect(violations).toEqual([]);
    // The property is not vacuous: prices did move.
    expect(moves).toBeGreaterThan(1_000);
  });
});
