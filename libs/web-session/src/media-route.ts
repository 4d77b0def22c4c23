import { gatewayUrl } from './config';

/**
 * Product pictures: catalog image URLs are gateway paths (`/media/...`); the browser only talks
 * to the app, so the app's `app/media/[...path]/route.ts` serves them from the gateway with the
 * gateway's caching headers: `export const GET = mediaRoute;`.
 */
export async function mediaRoute(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  const upstream = `${gatewayUrl()}/media/${path.map(encodeURIComponent).join('/')}`;
  try {
    const ifNoneMatch = request.headers.get('if-none-match');
    const response = await fetch(upstream, { cache: 'no-store', headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}, signal: AbortSignal.timeout(5_000) });
    const headers = new Headers();
    for (const name of ['content-type', 'cache-control', 'etag', 'last-modified']) {
      const value = response.headers.get(name);
      if (value) headers.set(name, value);
    }
    if (!headers.has('cache-control') && response.ok) headers.set('cache-control', 'public, max-age=3600');
    return new Response(response.status === 304 ? null : response.body, { status: response.status, headers });
  } catch {
    return new Response(null, { status: 502 });
  }
}
