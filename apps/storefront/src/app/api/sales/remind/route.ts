import { FlashSaleReminderBody } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../../lib/gateway';

/** "Remind me" on an upcoming sale's page: one email when it goes live (signed-in shoppers; idempotent). */
export async function POST(request: Request) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const body = FlashSaleReminderBody.safeParse(await jsonBody(request));
  if (!body.success) return badRequest('Invalid request', [{ field: 'flashSaleId', reason: body.error.issues[0]?.message ?? 'is invalid' }]);
  try {
    return NextResponse.json(await (await shopperApi()).remindOfFlashSale(body.data.flashSaleId));
  } catch (err) {
    return errorResponse(err);
  }
}
