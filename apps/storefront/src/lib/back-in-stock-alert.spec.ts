import { describe, expect, it } from 'vitest';
import { ALERT_WORDS, alertProductName } from './back-in-stock-alert';

describe('the back-in-stock unsubscribe page', () => {
  it('names the product, or says "the product you asked about" when the catalog could not', () => {
    expect(alertProductName({ productName: 'Trail Runner — EU 42' })).toBe('Trail Runner — EU 42');
    expect(alertProductName({ productName: null })).toBe('the product you asked about');
  });

  it('says what the alert is for, then that it stopped', () => {
    expect(ALERT_WORDS.ask('Trail Runner — EU 42')).toBe('You asked us to email you when Trail Runner — EU 42 is back in stock.');
    expect(ALERT_WORDS.stopped('Trail Runner — EU 42')).toBe("Done. We won't email you about Trail Runner — EU 42.");
    expect(ALERT_WORDS.alreadyStopped('Trail Runner — EU 42')).toBe("This alert is already off: we won't email you about Trail Runner — EU 42.");
  });
});
