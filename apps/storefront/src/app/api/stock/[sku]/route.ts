import type { PublicStockLevel } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { loadCart } from '../../../../lib/cart-access';
import { shopperApi } from '../../../../lib/gateway';

type PublicView = Pick<PublicStockLevel, 'level' | 'available'> | { level: null; available: null };

/**
 * Live stock of one SKU as the public sees it, and how many of it this shopper's cart holds:
 * `{ level, available, inCart }` (`available` only when low). The product page takes the cart's
 * units off the units left (the cart refuses more than the stock: 409 OUT_OF_STOCK with `inCart`).
 * A SKU the inventory has no stock for (404: a new product nobody stocked yet) is sold out: there
 * is nothing to sell. `{ level: null, available: null }` when the inventory cannot be asked (no
 * route yet, service down): the product page then shows no stock line. `inCart` is null when the
 * cart cannot be read. Never cached: it is live and this shopper's.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const { sku } = await params;
  const [stock, inCart] = await Promise.all([publicStock(sku), unitsInCart(sku)]);
  return NextResponse.json({ ...stock, inCart }, { headers: { 'cache-control': 'private, no-store' } });
}

async function publicStock(sku: string): Promise<PublicView> {
  try {
    // The public's view, asked as the public: a shopper's session (perhaps ended elsewhere) has no say in it.
    const stock = await (await shopperApi()).withAccessToken(null).getStock(sku, { signal: AbortSignal.timeout(2_000) });
    return { level: stock.level, available: stock.available };
  } catch (err) {
    if (!isApiError(err)) throw err;
    if (err.status === 404) return { level: 'sold_out', available: 0 };
    return { level: null, available: null };
  }
}

/** Units of `sku` in the shopper's cart (0 without a cart); null when the cart service cannot answer. */
async function unitsInCart(sku: string): Promise<number | null> {
  try {
    const load = await loadCart();
    if (!load.ok) return null;
    return (load.cart?.lines ?? []).filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity, 0);
  } catch {
    return null;
  }
}
