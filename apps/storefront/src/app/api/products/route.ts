import type { ProductSort } from '@shop/contracts';
import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '../../../lib/api-response';
import { catalogApi } from '../../../lib/gateway';

const SORTS: readonly ProductSort[] = ['newest', 'title', 'price_asc', 'price_desc'];

/** "Load more": the next page of a listing, from the data cache like the pages themselves. */
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
    return NextResponse.json(page, { headers: { 'cache-control': 'public, max-age=30, stale-while-revalidate=60' } });
  } catch (err) {
    return errorResponse(err);
  }
}
