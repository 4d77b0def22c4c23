import { CART_COOKIE, CartId } from '@shop/contracts';

/** The cart id named by a `Cookie` header, if it holds a well-formed one. */
export function cartIdFromCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== CART_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (CartId.safeParse(value).success) return value;
  }
  return null;
}

/** `cart_id=<id>` for the whole site, out of scripts' reach, sent on top-level navigation only, living as long as the cart. */
export function cartCookie(cartId: string, maxAgeSeconds: number, secure: boolean): string {
  return `${CART_COOKIE}=${cartId}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
