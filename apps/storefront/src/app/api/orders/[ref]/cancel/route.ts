import { CustomerCancelOrderBody, OrderRef } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, unauthorized, validated } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../../../lib/gateway';

type Context = { params: Promise<{ ref: string }> };

/**
 * The account order page's "Cancel order": `{ reason?, expectedVersion? }` (a blank reason is no
 * reason). The orders service decides whether the order may still be cancelled (409
 * NOT_CANCELLABLE with `details.why`) and that it is the shopper's own (404 otherwise).
 */
export async function POST(request: Request, { params }: Context) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const ref = validated(OrderRef, (await params).ref, 'ref');
  if (!ref.ok) return ref.response;
  const body = await jsonBody(request);
  const reason = typeof body.reason === 'string' && body.reason.trim() === '' ? undefined : body.reason;
  const input = validated(CustomerCancelOrderBody, { reason, expectedVersion: body.expectedVersion });
  if (!input.ok) return input.response;
  try {
    return NextResponse.json(await (await shopperApi()).cancelOrder(ref.value, input.value ?? {}));
  } catch (err) {
    return errorResponse(err);
  }
}
