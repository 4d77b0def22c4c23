// Starts the built storefront the way `npm start` starts every app: `node <entry>`.
// Port: STOREFRONT_PORT (3000); interface: HOST (127.0.0.1); the gateway: GATEWAY_URL; proxies in
// front whose X-Forwarded-For is believed: STOREFRONT_TRUSTED_PROXIES. See @shop/web-session/next-server.
import { serveNextApp } from '@shop/web-session/next-server';

await serveNextApp({ name: 'storefront', dir: import.meta.dirname, prefix: 'STOREFRONT', defaultPort: 3000 });
