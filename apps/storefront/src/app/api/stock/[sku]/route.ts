import { isApiError } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { shopperApi } from '../../../../lib/gateway';

/**
 * Live stock of one SKU as the public sees it: `{ level, available }` (`available` only when low).
 * A SKU the inventory has no stock for (404: a new product nobody stocked yet) is sold out: there
 * is nothing to sell. `{ level: null, available: null }` when the inventory cannot be asked (no
 * route yet, service down): the product page then shows no stock line.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const { sku } = await params;
  try {
    // The public's view, asked as the public: a shopper's session (perhaps ended elsewhere) has no say in it.
    const stock = await (await shopperApi()).withAccessToken(null).getStock(sku, { signal: AbortSignal.timeout(2_000) });
    return NextResponse.json({ level: stock.level, available: stock.available }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    if (!isApiError(err)) throw err;
    if (err.status === 404) return NextResponse.json({ level: 'sold_out', available: 0 }, { headers: { 'cache-control': 'no-store' } });
    return NextResponse.json({ level: null, available: null }, { headers: { 'cache-control': 'no-store' } });
  }
}
