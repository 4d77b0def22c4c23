import { BackInStockBody } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../lib/gateway';

/** "Notify me when back in stock" on a sold-out product: one email on the restock (signed-in shoppers; idempotent). */
export async function POST(request: Request) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const body = BackInStockBody.safeParse(await jsonBody(request));
  if (!body.success) return badRequest('Invalid request', [{ field: 'sku', reason: body.error.issues[0]?.message ?? 'is invalid' }]);
  try {
    return NextResponse.json(await (await shopperApi()).notifyWhenBackInStock(body.data.sku));
  } catch (err) {
    return errorResponse(err);
  }
}
