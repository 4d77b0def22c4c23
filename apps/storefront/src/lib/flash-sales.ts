import type { FlashSaleList } from '@shop/contracts';
import { shopperApi } from './gateway';

/**
 * Live, upcoming and sold-out sales (never cached: remaining units are live); null when pricing
 * cannot answer, and the page goes on without them.
 */
export async function openSales(): Promise<FlashSaleList | null> {
  try {
    const list = await (await shopperApi()).listFlashSales({ signal: AbortSignal.timeout(3_000) });
    return { ...list, items: list.items.filter((s) => s.status === 'live' || s.status === 'scheduled' || s.status === 'sold_out') };
  } catch (err) {
    console.warn('storefront: the flash sales could not be listed', err instanceof Error ? err.message : err);
    return null;
  }
}
