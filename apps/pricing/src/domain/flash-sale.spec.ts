import { describe, expect, it } from 'vitest';
import {
  comparePublicSales,
  dueLifeEvents,
  eventVersion,
  flashSaleStatus,
  limitIsOf,
  limitToRemove,
  saleTermsIssues,
  saleToApply,
  stopDecision,
  unitsOf,
  windowsOverlap,
  type FlashSaleRecord,
  type SaleContext,
  type SaleTerms,
} from './flash-sale.js';

const start = new Date('2026-12-05T12:00:00.000Z');
const end = new Date('2026-12-05T13:00:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

function sale(overrides: Partial<FlashSaleRecord> = {}): FlashSaleRecord {
  return {
    id: '7d3c9b1e-0a4f-4c55-9f1e-2b3c4d5e6f70',
    sku: 'TEE-1',
    salePrice: { amount: 990, currency: 'EUR' },
    units: 50,
    perCustomerLimit: 2,
    startsAt: start,
    endsAt: end,
    version: 1,
    cancelledAt: null,
    limitAppliedVersion: null,
    startedAt: null,
    endedAt: null,
    soldOutAt: null,
    stoppedAt: null,
    stoppedBy: null,
    plannedEndsAt: null,
    lastUnitsTaken: 0,
    lastUnitsRemaining: null,
    createdAt: ms(start, -3_600_000),
    updatedAt: ms(start, -3_600_000),
    ...overrides,
  };
}

describe('flashSaleStatus at the exact instant', () => {
  it('is scheduled one millisecond before the start and live at the start itself', () => {
    expect(flashSaleStatus(sale(), ms(start, -1), 50)).toBe('scheduled');
    expect(flashSaleStatus(sale(), start, 50)).toBe('live');
  });

  it('is live one millisecond before the end and ended at the end itself', () => {
    expect(flashSaleStatus(sale(), ms(end, -1), 3)).toBe('live');
    expect(flashSaleStatus(sale(), end, 3)).toBe('ended');
  });

  it('is sold out while open with nothing left, and live again when units come back', () => {
    expect(flashSaleStatus(sale(), ms(start, 1000), 0)).toBe('sold_out');
    expect(flashSaleStatus(sale({ soldOutAt: start }), ms(start, 2000), 1)).toBe('live');
  });

  it('keeps a recorded sell-out when the live figure is unknown', () => {
    expect(flashSaleStatus(sale({ soldOutAt: start }), ms(start, 1000), null)).toBe('sold_out');
    expect(flashSaleStatus(sale(), ms(start, 1000), null)).toBe('live');
  });

  it('is cancelled whatever the clock says', () => {
    expect(flashSaleStatus(sale({ cancelledAt: ms(start, -10) }), ms(start, 10), 50)).toBe('cancelled');
  });
});

describe('saleTermsIssues', () => {
  const now = ms(start, -60_000);
  const terms: SaleTerms = { sku: 'TEE-1', salePrice: { amount: 990, currency: 'EUR' }, units: 50, perCustomerLimit: 2, startsAt: start, endsAt: end };
  const context: SaleContext = { now, listPrice: { amount: 1990, currency: 'EUR' }, available: 500, otherSales: [] };

  it('accepts terms that can work', () => {
    expect(saleTermsIssues(terms, context)).toEqual([]);
  });

  it('accepts a start at the very instant of the request', () => {
    expect(saleTermsIssues({ ...terms, startsAt: now }, context)).toEqual([]);
  });

  it('names the SKU when pricing does not know it (and checks nothing else)', () => {
    expect(saleTermsIssues(terms, { ...context, listPrice: null })).toEqual([{ field: 'sku', reason: 'must belong to a published product (a draft or archived product cannot have a sale)' }]);
  });

  it('names each impossible field', () => {
    const issues = saleTermsIssues(
      { ...terms, salePrice: { amount: 0, currency: 'USD' }, units: 501, perCustomerLimit: 502, startsAt: ms(now, -1), endsAt: ms(now, -1) },
      context,
    );
    expect(issues.map((i) => i.field)).toEqual(['startsAt', 'endsAt', 'salePrice.amount', 'salePrice.currency', 'units', 'perCustomerLimit']);
    expect(issues.find((i) => i.field === 'units')?.reason).toBe("must not be more than the SKU's available stock (500)");
    expect(issues.find((i) => i.field === 'salePrice.currency')?.reason).toContain('EUR');
  });

  it('refuses a sale price at or above the regular price (it would raise the price, shown as a sale)', () => {
    expect(saleTermsIssues({ ...terms, salePrice: { amount: 9999, currency: 'EUR' } }, context)).toEqual([{ field: 'salePrice.amount', reason: 'must be below the regular price (€19.90)' }]);
    expect(saleTermsIssues({ ...terms, salePrice: { amount: 1990, currency: 'EUR' } }, context)).toEqual([{ field: 'salePrice.amount', reason: 'must be below the regular price (€19.90)' }]);
    expect(saleTermsIssues({ ...terms, salePrice: { amount: 1989, currency: 'EUR' } }, context)).toEqual([]);
  });

  it('counts a SKU without a stock record as none available', () => {
    expect(saleTermsIssues(terms, { ...context, available: null })).toEqual([{ field: 'units', reason: "must not be more than the SKU's available stock (0)" }]);
  });

  it('refuses an overlapping window of the same SKU, and accepts one that starts where the other ends', () => {
    const other = { id: '0b6f2a9e-1c3d-4e5f-8a7b-9c0d1e2f3a4b', startsAt: ms(end, -1), endsAt: ms(end, 3_600_000) };
    expect(saleTermsIssues(terms, { ...context, otherSales: [other] })).toEqual([{ field: 'startsAt', reason: `overlaps flash sale ${other.id} of the same SKU` }]);
    expect(saleTermsIssues(terms, { ...context, otherSales: [{ ...other, startsAt: end }] })).toEqual([]);
  });
});

describe('windowsOverlap', () => {
  it('treats windows as half-open', () => {
    expect(windowsOverlap({ startsAt: start, endsAt: end }, { startsAt: end, endsAt: ms(end, 1) })).toBe(false);
    expect(windowsOverlap({ startsAt: start, endsAt: end }, { startsAt: ms(end, -1), endsAt: ms(end, 1) })).toBe(true);
  });
});

describe('dueLifeEvents', () => {
  it('is nothing before the start, started at the start, ended at the end', () => {
    expect(dueLifeEvents(sale(), ms(start, -1))).toEqual([]);
    expect(dueLifeEvents(sale(), start)).toEqual(['started']);
    expect(dueLifeEvents(sale({ startedAt: start }), ms(end, -1))).toEqual([]);
    expect(dueLifeEvents(sale({ startedAt: start }), end)).toEqual(['ended']);
  });

  it('owes both, in order, when the whole window passed unseen (a restart)', () => {
    expect(dueLifeEvents(sale(), ms(end, 5000))).toEqual(['started', 'ended']);
  });

  it('owes nothing once recorded, or for a cancelled sale', () => {
    expect(dueLifeEvents(sale({ startedAt: start, endedAt: end }), ms(end, 1))).toEqual([]);
    expect(dueLifeEvents(sale({ cancelledAt: ms(start, -5) }), ms(end, 1))).toEqual([]);
  });
});

describe('saleToApply', () => {
  it('is the earliest sale neither cancelled nor ended', () => {
    const first = sale({ id: 'a' });
    const second = sale({ id: 'b', startsAt: end, endsAt: ms(end, 3_600_000) });
    expect(saleToApply([second, first], ms(start, -1))?.id).toBe('a');
    expect(saleToApply([second, first], end)?.id).toBe('b');
    expect(saleToApply([second, { ...first, cancelledAt: start }], ms(start, -1))?.id).toBe('b');
    expect(saleToApply([first], end)).toBeUndefined();
  });
});

describe('units and event versions', () => {
  const limit = { units: 50, unitsTaken: 7, unitsRemaining: 43, startsAt: start, endsAt: end };

  it('uses the engine figures only when the limit is this sale’s', () => {
    expect(limitIsOf(sale(), limit)).toBe(true);
    expect(limitIsOf(sale({ units: 40 }), limit)).toBe(false);
    expect(unitsOf(sale(), limit, start)).toEqual({ taken: 7, remaining: 43 });
    expect(unitsOf(sale(), { ...limit, endsAt: ms(end, 1) }, ms(start, -1))).toEqual({ taken: 0, remaining: 50 });
    expect(unitsOf(sale({ lastUnitsTaken: 50, lastUnitsRemaining: 0 }), null, ms(end, 1))).toEqual({ taken: 50, remaining: 0 });
  });

  it('grows with each recorded life event', () => {
    expect(eventVersion(sale())).toBe(1);
    expect(eventVersion(sale({ version: 2, startedAt: start }))).toBe(3);
    expect(eventVersion(sale({ version: 2, startedAt: start, soldOutAt: start, endedAt: end }))).toBe(5);
  });
});

describe('comparePublicSales', () => {
  it('puts open sales first, then upcoming soonest first, then ended latest first', () => {
    const at = (status: 'live' | 'sold_out' | 'scheduled' | 'ended', hours: number) => ({ status, startsAt: ms(start, hours * 3_600_000), endsAt: ms(end, hours * 3_600_000) });
    const list = [at('ended', -5), at('scheduled', 5), at('live', 0), at('ended', -2), at('scheduled', 2), at('sold_out', 0.5)];
    expect(list.sort(comparePublicSales).map((s) => s.status)).toEqual(['live', 'sold_out', 'scheduled', 'scheduled', 'ended', 'ended']);
    expect(list[2]!.startsAt < list[3]!.startsAt).toBe(true);
    expect(list[4]!.endsAt > list[5]!.endsAt).toBe(true);
  });
});

describe('stopDecision (an admin stops a sale now)', () => {
  it('stops a sale from its first millisecond to its last, sold out or not', () => {
    expect(stopDecision(sale(), start)).toEqual({ kind: 'stop' });
    expect(stopDecision(sale(), ms(end, -1))).toEqual({ kind: 'stop' });
    expect(stopDecision(sale({ soldOutAt: ms(start, 10) }), ms(start, 20))).toEqual({ kind: 'stop' });
  });

  it('refuses a sale that has not opened, has ended or was cancelled, naming its status', () => {
    expect(stopDecision(sale(), ms(start, -1))).toEqual({ kind: 'not_live', status: 'scheduled' });
    expect(stopDecision(sale(), end)).toEqual({ kind: 'not_live', status: 'ended' });
    expect(stopDecision(sale({ cancelledAt: ms(start, -10) }), ms(start, 5))).toEqual({ kind: 'not_live', status: 'cancelled' });
  });

  it('answers a stopped sale as already stopped, whenever asked again', () => {
    const stopped = sale({ stoppedAt: ms(start, 100), endsAt: ms(start, 100), plannedEndsAt: end });
    expect(stopDecision(stopped, ms(start, 200))).toEqual({ kind: 'already_stopped' });
    expect(stopDecision(stopped, ms(end, 5000))).toEqual({ kind: 'already_stopped' });
  });
});

describe('a stopped sale', () => {
  const stopped = sale({ stoppedAt: ms(start, 100), endsAt: ms(start, 100), plannedEndsAt: end, limitAppliedVersion: 1 });

  it('is ended at any instant, even one before its stop', () => {
    expect(flashSaleStatus(stopped, ms(start, 50), 10)).toBe('ended');
    expect(flashSaleStatus(stopped, ms(start, 100), null)).toBe('ended');
  });

  it('never has its limit applied again; the SKU’s next sale does', () => {
    const next = sale({ id: 'next', startsAt: end, endsAt: ms(end, 3_600_000) });
    expect(saleToApply([stopped], ms(start, 50))).toBeUndefined();
    expect(saleToApply([stopped, next], ms(start, 200))?.id).toBe('next');
  });
});

describe('limitToRemove', () => {
  it('is a held limit of a cancelled or stopped sale, and nothing else', () => {
    expect(limitToRemove(sale({ limitAppliedVersion: 1 }))).toBe(false);
    expect(limitToRemove(sale({ limitAppliedVersion: 1, cancelledAt: start }))).toBe(true);
    expect(limitToRemove(sale({ limitAppliedVersion: 1, stoppedAt: start }))).toBe(true);
    expect(limitToRemove(sale({ limitAppliedVersion: null, stoppedAt: start }))).toBe(false);
  });
});
