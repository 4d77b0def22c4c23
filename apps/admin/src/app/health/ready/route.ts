export const dynamic = 'force-dynamic';

/** Readiness: the server answers. The gateway's health is the gateway's probe; the console says when it cannot reach it. */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
