/** Product pictures, served from the gateway (see @shop/web-session's mediaRoute). */
export { mediaRoute as GET } from '@shop/web-session';
