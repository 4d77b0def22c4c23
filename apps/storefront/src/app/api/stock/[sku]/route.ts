import { isApiError } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { shopperApi } from '../../../../lib/gateway';

/**
 * Live stock of one SKU: `{ available }`, or `{ available: null }` when there is no inventory
 * to ask (no route yet, no stock row, service down): the product page then shows no stock line.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const { sku } = await params;
  try {
    const level = await (await shopperApi()).getStock(sku, { signal: AbortSignal.timeout(2_000) });
    return NextResponse.json({ available: level.available }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    if (!isApiError(err)) throw err;
    return NextResponse.json({ available: null }, { headers: { 'cache-control': 'no-store' } });
  }
}
