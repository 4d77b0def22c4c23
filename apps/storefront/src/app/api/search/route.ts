import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '@shop/web-session';
import { shopperApi } from '../../../lib/gateway';
import { pricesFor } from '../../../lib/pricing';
import { searchParamsOf, searchStateFrom } from '../../../lib/search-url';

const MAX_PAGE = 48;

/**
 * "Load more" on the search page: the next page of the same search (the page's URL state plus
 * the cursor), live like the page itself (a sell-out shows at once), with pricing's answer for its
 * SKUs (the promotions' badges; null when pricing is down).
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const limit = Math.min(MAX_PAGE, Math.max(1, Number(params.get('limit')) || 24));
  try {
    const result = await (await shopperApi()).search(searchParamsOf(searchStateFrom(params), limit));
    const prices = await pricesFor(result.items.flatMap((hit) => hit.skus));
    return NextResponse.json({ ...result, prices }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
