// The Next.js configuration both apps share (storefront, admin): `export default platformNextConfig(import.meta.dirname)`
// in the app's next.config.ts. Plain JS: Next.js loads it while reading its config.
import { join } from 'node:path';

/**
 * @param {string} appDir the app's directory (apps/<name>)
 * @param {{ key: string, value: string }[]} [extraHeaders] response headers of this app only
 * @returns {import('next').NextConfig}
 */
export function platformNextConfig(appDir, extraHeaders = []) {
  const workspaceRoot = join(appDir, '..', '..');
  return {
    // The typecheck and lint targets check the code; the build does not repeat them.
    typescript: { ignoreBuildErrors: true },
    poweredByHeader: false,
    reactStrictMode: true,
    // Workspace libraries shipped as TypeScript source (no build of their own).
    transpilePackages: ['@shop/ui', '@shop/web-session'],
    // npm workspaces hoist node_modules to the workspace root.
    turbopack: { root: workspaceRoot },
    outputFileTracingRoot: workspaceRoot,
    // On every response, static files included; the Content-Security-Policy (with its per-response
    // nonce and `frame-ancestors 'none'`) is set by the app's src/proxy.ts.
    async headers() {
      return [
        {
          source: '/:path*',
          headers: [
            { key: 'X-Frame-Options', value: 'DENY' },
            { key: 'X-Content-Type-Options', value: 'nosniff' },
            { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
            ...extraHeaders,
          ],
        },
      ];
    },
  };
}
