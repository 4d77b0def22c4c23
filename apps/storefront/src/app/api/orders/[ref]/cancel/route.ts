import { CustomerCancelOrderBody, OrderRef } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, unauthorized, validated } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../../../lib/gateway';
import { paymentStageOf } from '../../../../../lib/order-payment';

type Context = { params: Promise<{ ref: string }> };

/**
 * The account order page's "Cancel order": `{ reason?, expectedVersion? }` (a blank reason is no
 * reason). The orders service decides whether the order may still be cancelled (409
 * NOT_CANCELLABLE with `details.why`) and that it is the shopper's own (404 otherwise). Answers
 * `{ order, payment }`: the cancelled order, and how far its payment had gone (`PaymentStage`, from
 * its checkout: whether the cancel refunds it or releases the hold), so the page says which.
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
    const api = await shopperApi();
    const order = await api.cancelOrder(ref.value, input.value ?? {});
    // The cancel stands either way: a checkout that cannot be read only makes the words less sure.
    const checkout = await api.getCheckout(order.checkoutId).catch(() => null);
    return NextResponse.json({ order, payment: paymentStageOf(checkout) });
  } catch (err) {
    return errorResponse(err);
  }
}
