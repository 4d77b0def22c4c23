import { describe, expect, it } from 'vitest';
import { ManualClock } from '@shop/contracts';
import { SHOWN_SALE_TTL_MS, ShownSales } from './shown-sales.js';

function counting(answer: (id: string) => string | null | Error) {
  const loads: string[] = [];
  const load = async (id: string) => {
    loads.push(id);
    const a = answer(id);
    if (a instanceof Error) throw a;
    return a;
  };
  return { loads, load };
}

describe('ShownSales', () => {
  it('reads a sale once per TTL however often it is asked, and again after', async () => {
    const clock = new ManualClock(new Date('2026-12-05T12:00:00.000Z'));
    const { loads, load } = counting((id) => `sale ${id}`);
    const sales = new ShownSales(clock, load);
    expect(await Promise.all([sales.get('a'), sales.get('a'), sales.get('b')])).toEqual(['sale a', 'sale a', 'sale b']);
    clock.advance(SHOWN_SALE_TTL_MS - 1);
    await sales.get('a');
    expect(loads).toEqual(['a', 'b']);
    clock.advance(1);
    await sales.get('a');
    expect(loads).toEqual(['a', 'b', 'a']);
  });

  it('drops everything on a write, and keeps neither a sale not found nor a failed read', async () => {
    const clock = new ManualClock(new Date('2026-12-05T12:00:00.000Z'));
    let failing = true;
    const { loads, load } = counting((id) => (id === 'gone' ? null : failing ? new Error('database away') : `sale ${id}`));
    const sales = new ShownSales(clock, load);
    await expect(sales.get('a')).rejects.toThrow('database away');
    failing = false;
    expect(await sales.get('a')).toBe('sale a');
    expect(await sales.get('gone')).toBeNull();
    expect(await sales.get('gone')).toBeNull();
    sales.forgetAll();
    await sales.get('a');
    expect(loads).toEqual(['a', 'a', 'gone', 'gone', 'a']);
  });
});
