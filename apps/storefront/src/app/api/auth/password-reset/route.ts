import { PasswordResetRequestBody } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, validated } from '@shop/web-session';
import { shopperApi } from '../../../../lib/gateway';

/**
 * "Forgot your password?": the gateway mails a reset link when an account has the address. The
 * answer is 202 either way (the page shows one neutral confirmation); only a malformed address
 * (400) or too many requests (429, with its Retry-After) are refused.
 */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  const input = validated(PasswordResetRequestBody, { email: body.email });
  if (!input.ok) return input.response;
  try {
    await (await shopperApi()).withAccessToken(null).requestPasswordReset(input.value);
  } catch (err) {
    return errorResponse(err);
  }
  return new NextResponse(null, { status: 202 });
}
