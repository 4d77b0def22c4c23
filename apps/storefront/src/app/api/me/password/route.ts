import { ChangePasswordBody, type AuthSession } from '@shop/contracts';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized, validated } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../../lib/gateway';
import { confirmationIssue } from '../../../../lib/password-rules';
import { writeSession } from '../../../../lib/session-cookies';

/**
 * The account page's password change: `{ currentPassword, newPassword, confirmPassword }`. The
 * gateway ends every other session of the account (this browser's old refresh token included)
 * and answers a new session, kept exactly as a sign-in keeps it.
 */
export async function POST(request: Request) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const body = await jsonBody(request);
  const input = validated(ChangePasswordBody, { currentPassword: body.currentPassword, newPassword: body.newPassword });
  if (!input.ok) return input.response;
  const mismatch = confirmationIssue(body.newPassword, body.confirmPassword, 'confirmPassword');
  if (mismatch) return badRequest('The request has invalid fields', [mismatch]);
  let renewed: AuthSession;
  try {
    renewed = await (await shopperApi()).changePassword(input.value);
  } catch (err) {
    // 400 WRONG_PASSWORD, the new password's field errors, 429 after too many wrong tries (with Retry-After).
    return errorResponse(err);
  }
  writeSession(await cookies(), renewed);
  return NextResponse.json({ user: renewed.user });
}
