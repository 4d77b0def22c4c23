import { OrderLookupQuery } from '@shop/contracts';
import { FailureCode } from '@shop/contracts/failure';
import { isApiError } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody } from '@shop/web-session';
import { shopperApi } from '../../../../lib/gateway';

/**
 * A guest's order by number + email, for the lookup page. POST, so the email stays out of URLs
 * and logs; the gateway's public lookup answers the same 404 for any mismatch.
 */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  const parsed = OrderLookupQuery.safeParse({ number: typeof body.number === 'string' ? body.number.trim().toUpperCase() : body.number, email: body.email });
  if (!parsed.success) {
    return badRequest(
      'Please check the highlighted fields.',
      parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), reason: i.message })),
    );
  }
  try {
    const order = await (await shopperApi()).lookupOrder(String(body.number).trim().toUpperCase(), parsed.data.email);
    return NextResponse.json(order);
  } catch (err) {
    if (isApiError(err) && err.status === 404) {
      return NextResponse.json({ error: { code: FailureCode.NOT_FOUND, message: 'No order matches this number and email. Check both and try again.' } }, { status: 404 });
    }
    return errorResponse(err);
  }
}
