import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../lib/gateway';

/** The account page's name: `{ name }`; a blank name removes it. The gateway checks the rest (its 400 names `name`). */
export async function PATCH(request: Request) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const body = await jsonBody(request);
  const name = typeof body.name === 'string' && body.name.trim() !== '' ? body.name : null;
  try {
    return NextResponse.json(await (await shopperApi()).updateMe({ name }));
  } catch (err) {
    return errorResponse(err);
  }
}
