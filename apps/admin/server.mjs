// Starts the built admin console the way `npm start` starts every app: `node <entry>`.
// Port: ADMIN_PORT (3010); interface: HOST (127.0.0.1); the gateway: GATEWAY_URL; proxies in
// front whose X-Forwarded-For is believed: ADMIN_TRUSTED_PROXIES. See @shop/web-session/next-server.
import { serveNextApp } from '@shop/web-session/next-server';

await serveNextApp({ name: 'admin', dir: import.meta.dirname, prefix: 'ADMIN', defaultPort: 3010 });
