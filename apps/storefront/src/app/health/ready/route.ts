export const dynamic = 'force-dynamic';

/** Readiness: the server answers. The gateway's health is the gateway's probe; pages degrade without it. */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
