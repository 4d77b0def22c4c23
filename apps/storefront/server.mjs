// Starts the built storefront (`next start`) the way `npm start` starts every app: `node <entry>`.
// Port: STOREFRONT_PORT (3000); interface: HOST (127.0.0.1); the gateway: GATEWAY_URL.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const dir = import.meta.dirname;
if (!existsSync(join(dir, '.next', 'BUILD_ID'))) {
  console.error('storefront: no build found in apps/storefront/.next; run `npx nx run @shop/storefront:build` first.');
  process.exit(1);
}
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
// Beside a gateway on another port (`GATEWAY_PORT=8081 npm start`), follow it.
process.env.GATEWAY_URL ||= `http://127.0.0.1:${process.env.GATEWAY_PORT || '8080'}`;
process.env.NODE_ENV = 'production';
const port = process.env.STOREFRONT_PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
process.argv = [process.argv[0], 'next', 'start', dir, '--port', port, '--hostname', host];
await import(createRequire(import.meta.url).resolve('next/dist/bin/next'));
