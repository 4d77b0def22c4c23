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
};

export default config;
