import type { ProductSort } from '@shop/contracts';
import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '@shop/web-session';
import { catalogApi } from '../../../lib/gateway';
import { pricesFor } from '../../../lib/pricing';
import { skusOf } from '../../../lib/sale-prices';

const SORTS: readonly ProductSort[] = ['newest', 'title', 'price_asc', 'price_desc'];

/**
 * "Load more": the next page of a listing, from the data cache like the pages themselves, with the
 * prices of its SKUs now (one pricing call; null when pricing cannot answer). Prices change at the
 * second a sale starts, so the answer is not cached.
 */
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams;
  const sort = SORTS.find((s) => s === q.get('sort')) ?? 'newest';
  const limit = Math.min(48, Math.max(1, Number(q.get('limit')) || 12));
  try {
    const page = await catalogApi().listProducts({
      category: q.get('category') ?? undefined,
      cursor: q.get('cursor') ?? undefined,
      sort,
      limit,
    });
    const prices = await pricesFor(skusOf(page.items));
    return NextResponse.json({ ...page, prices }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
