import { join } from 'node:path';
import type { NextConfig } from 'next';

const workspaceRoot = join(import.meta.dirname, '..', '..');

const config: NextConfig = {
  // The typecheck and lint targets check the code; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // npm workspaces hoist node_modules to the workspace root.
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  // On every response, static files included; the Content-Security-Policy (with its per-response
  // nonce and `frame-ancestors 'none'`) is set by src/proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default config;
