import type { CartMergeAdjustment } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_MERGE_NOTICES, decodeMergeNotices, encodeMergeNotices, mergeNoticeText } from './merge-notices';

function adjusted(over: Partial<CartMergeAdjustment>): CartMergeAdjustment {
  return { sku: 'LAMP-1', productTitle: 'Trail Lamp', title: 'Olive', reason: 'out_of_stock', requested: 5, quantity: 3, available: 3, ...over };
}

describe('merge notices', () => {
  it('says what the merge cut down or left out, in a shopper’s words', () => {
    expect(mergeNoticeText(adjusted({}))).toBe('We reduced Trail Lamp (Olive) to 3: only 3 are left.');
    expect(mergeNoticeText(adjusted({ quantity: 1, available: 1 }))).toBe('We reduced Trail Lamp (Olive) to 1: only 1 is left.');
    // The customer's own cart held more than is left: kept, and the cart flags it.
    expect(mergeNoticeText(adjusted({ quantity: 4, available: 2 }))).toBe('We couldn’t add more Trail Lamp (Olive) from your earlier cart: only 2 are left.');
    expect(mergeNoticeText(adjusted({ quantity: 0, available: 0, title: '' }))).toBe('Trail Lamp is sold out, so we couldn’t add it from your earlier cart.');
    expect(mergeNoticeText(adjusted({ reason: 'quantity_limit', quantity: 99, available: null }))).toBe('We reduced Trail Lamp (Olive) to 99, the most one order can hold.');
    expect(mergeNoticeText(adjusted({ reason: 'cart_full', quantity: 0, available: null }))).toBe('Trail Lamp (Olive) didn’t fit: your cart holds as many different items as it can.');
    expect(mergeNoticeText(adjusted({ reason: 'currency', quantity: 0, available: null }))).toBe('Trail Lamp (Olive) couldn’t be added: it isn’t sold in your cart’s currency.');
  });

  it('goes through a cookie and back, bounded, and reads nothing from a malformed one', () => {
    const many = Array.from({ length: MAX_MERGE_NOTICES + 3 }, (_, i) => adjusted({ sku: `S-${i}`, productTitle: `P${i}`.padEnd(200, 'x') }));
    const back = decodeMergeNotices(encodeMergeNotices(many));
    expect(back).toHaveLength(MAX_MERGE_NOTICES);
    expect(back[0]).toEqual({ reason: 'out_of_stock', productTitle: 'P0'.padEnd(80, 'x'), title: 'Olive', quantity: 3, requested: 5, available: 3 });
    expect(decodeMergeNotices(undefined)).toEqual([]);
    expect(decodeMergeNotices('%7Bnot json')).toEqual([]);
    expect(decodeMergeNotices(encodeURIComponent(JSON.stringify([{ reason: 'hacked', productTitle: 'x', title: '', quantity: 1, requested: 1, available: null }])))).toEqual([]);
  });
});
