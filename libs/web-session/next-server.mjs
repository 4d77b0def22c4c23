// Starts a built Next.js app of the platform the way `npm start` starts every app: `node <app>/server.mjs`,
// which calls serveNextApp. Plain Node, loaded before Next.js.
//
// A small custom server instead of `next start`, for one reason: Next.js keeps a client-sent
// X-Forwarded-For as it is, and the app tells the gateway who its user is. Here the user's
// address comes from the socket (or from <PREFIX>_TRUSTED_PROXIES in front), and every request
// reaches Next.js with X-Forwarded-For set to exactly that one address.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { clientAddress, trustedProxies } from './client-address.mjs';

/**
 * @param {{ name: string, dir: string, prefix: string, defaultPort: number }} app
 *   name for logs, the app's directory (with its .next build), its variables' prefix
 *   (`STOREFRONT` → STOREFRONT_PORT, STOREFRONT_TRUSTED_PROXIES), its default port
 */
export async function serveNextApp({ name, dir, prefix, defaultPort }) {
  if (!existsSync(join(dir, '.next', 'BUILD_ID'))) {
    console.error(`${name}: no build found in ${join(dir, '.next')}; run \`npx nx run @shop/${name}:build\` first.`);
    process.exit(1);
  }
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  // Beside a gateway on another port (`GATEWAY_PORT=8081 npm start`), follow it.
  process.env.GATEWAY_URL ||= `http://127.0.0.1:${process.env.GATEWAY_PORT || '8080'}`;
  process.env.NODE_ENV = 'production';
  const port = Number(process.env[`${prefix}_PORT`] || String(defaultPort));
  const host = process.env.HOST || '127.0.0.1';
  const proxies = trustedProxies(process.env[`${prefix}_TRUSTED_PROXIES`]);
  const forwardedClientSecret = process.env.FORWARDED_CLIENT_SECRET;
  if (forwardedClientSecret !== undefined && forwardedClientSecret.length < 32) {
    console.error(`${name}: FORWARDED_CLIENT_SECRET must be at least 32 characters long (e.g. \`openssl rand -base64 32\`).`);
    process.exit(1);
  }
  if (!forwardedClientSecret) {
    console.warn(`${name}: FORWARDED_CLIENT_SECRET is not set; the gateway will count every user as this server (shared login and rate limits).`);
  }

  const next = createRequire(join(dir, 'package.json'))('next');
  const app = next({ dev: false, dir, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    req.headers['x-forwarded-for'] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], proxies);
    delete req.headers['x-real-ip'];
    handle(req, res).catch((err) => {
      console.error(`${name}: request failed`, err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.listen(port, host, () => console.log(`${name}: ready on http://${host}:${port}`));

  function stop() {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  }
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
