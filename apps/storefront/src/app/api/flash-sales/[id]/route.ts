import { NextResponse } from 'next/server';
import { errorResponse } from '@shop/web-session';
import { shopperApi } from '../../../../lib/gateway';

/**
 * One sale now, for the sale page's live feed: status, units left and the server's time. Never
 * cached. A shed answer (429/503) keeps its Retry-After, which the page's waiting room honours.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const sale = await (await shopperApi()).getFlashSale(id, { signal: AbortSignal.timeout(3_000) });
    return NextResponse.json(sale, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
