import { UnsubscribeQuery } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, validated } from '@shop/web-session';
import { shopperApi } from '../../../lib/gateway';

/**
 * The button of the unsubscribe pages (a back-in-stock alert's, an address's): `{ token }` (the
 * mail link's). Nobody needs to be signed in: the token is the proof, and it stops only what it
 * was made for (one back-in-stock request, or one address's marketing emails). A token the
 * platform did not sign is 400 naming it, and nothing changes.
 */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  const input = validated(UnsubscribeQuery, { token: body.token });
  if (!input.ok) return input.response;
  try {
    return NextResponse.json(await (await shopperApi()).withAccessToken(null).unsubscribe(input.value.token));
  } catch (err) {
    return errorResponse(err);
  }
}
