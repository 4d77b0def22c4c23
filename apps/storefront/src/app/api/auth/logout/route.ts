import { NextResponse } from 'next/server';
import { endSession } from '../../../../lib/auth-handler';

/** Revokes the refresh token and forgets the session and the (customer's) cart id. Same-origin JSON only (proxy.ts). */
export async function POST() {
  await endSession();
  return new NextResponse(null, { status: 204 });
}
