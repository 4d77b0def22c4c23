import { sessionCookies } from '@shop/web-session';
import { cookiesSecure } from './config';

/** The admin's session cookies: adm_at, adm_rt, adm_email (HttpOnly, SameSite=Lax; see @shop/web-session). */
export const adminCookies = sessionCookies('adm', cookiesSecure);
