import { PasswordResetConfirmBody } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, validated } from '@shop/web-session';
import { endSession } from '../../../../../lib/auth-handler';
import { shopperApi, shopperSession } from '../../../../../lib/gateway';
import { confirmationIssue } from '../../../../../lib/password-rules';

/**
 * A new password from a reset link: `{ token, password, confirmPassword }`. The token travels in
 * this body only (never logged, never in another URL). On success every session of the account
 * has ended, and this browser's session (whichever account it was) ends too: the shopper signs in
 * with the new password.
 */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  const input = validated(PasswordResetConfirmBody, { token: body.token, password: body.password });
  if (!input.ok) return input.response;
  const mismatch = confirmationIssue(body.password, body.confirmPassword, 'confirmPassword');
  if (mismatch) return badRequest('The request has invalid fields', [mismatch]);
  try {
    await (await shopperApi()).withAccessToken(null).confirmPasswordReset(input.value);
  } catch (err) {
    // 400 INVALID_RESET_TOKEN (unknown, expired, used) and the field errors go to the page as they are.
    return errorResponse(err);
  }
  if ((await shopperSession()).signedIn) await endSession();
  return new NextResponse(null, { status: 204 });
}
