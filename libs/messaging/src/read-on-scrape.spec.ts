import { describe, expect, it } from 'vitest';
import { readOnScrape } from './read-on-scrape.js';

describe('readOnScrape', () => {
  it('gives the gauges of one scrape the same read, and reads again on the next scrape', async () => {
    let reads = 0;
    const read = readOnScrape(async () => ++reads, 0);
    const [a, b] = await Promise.all([read(), read()]);
    expect([a, b]).toEqual([1, 1]);
    expect(await read()).toBe(2);
  });

  it('yields the fallback when the read fails', async () => {
    const read = readOnScrape(() => Promise.reject(new Error('Connection is closed.')), 'none');
    expect(await read()).toBe('none');
  });

  it('yields the fallback when the read takes longer than the timeout, and reads again next time', async () => {
    let calls = 0;
    const read = readOnScrape(() => (++calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve('figures')), 'none', 20);
    expect(await read()).toBe('none');
    expect(await read()).toBe('figures');
  });
});
