import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '@shop/web-session';
import { shopperApi } from '../../../../lib/gateway';

/** Suggestions must feel instant; past this the box simply shows none. */
const SUGGEST_TIMEOUT_MS = 1_500;
const MAX_QUERY = 100;

/**
 * The header box's suggestions (`GET /api/search/suggest?q=`), asked of the gateway for this
 * shopper (their address counts against their own rate limit). The browser aborts a stale
 * request; that aborts the gateway call too.
 */
export async function GET(request: NextRequest) {
  const q = (request.nextUrl.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY);
  if (!q) return NextResponse.json({ suggestions: [] }, { headers: { 'cache-control': 'no-store' } });
  try {
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(SUGGEST_TIMEOUT_MS)]);
    const result = await (await shopperApi()).suggest(q, { signal });
    return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
