/** Product pictures in the console, served from the gateway (see @shop/web-session's mediaRoute). Admins only, like every console path (proxy.ts). */
export { mediaRoute as GET } from '@shop/web-session';
