import { createHash } from 'node:crypto';
import { FailureCode } from '@shop/contracts';
import type { CheckoutRecord } from './checkout.js';

/*
 * A guest's checkout has no account. It is keyed by its guest cart instead: the cart id is the
 * guest's only secret (128 random bits), and the cart service, pricing and inventory already
 * count a guest by it (`guest:<cart id>`). The order itself gets no customer, only the email.
 */

/**
 * The id a guest checkout is stored under in place of an account id (its Idempotency-Key is unique
 * per it): a UUID (version 8, RFC 9562's custom layout) derived from the cart id, so every retry of
 * the same guest's checkout lands on the same key space and no account id can collide with it.
 */
export function guestOwnerId(cartId: string): string {
  const bytes = createHash('sha256').update(`guest-cart:${cartId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Who the checkout is to pricing and inventory (coupon and sale limits): the account, or the guest cart as the cart service names it. */
export function shopperOf(checkout: Pick<CheckoutRecord, 'guest' | 'customerId' | 'cartId'>): string {
  return checkout.guest ? `guest:${checkout.cartId}` : checkout.customerId;
}

/** The cart's owner as the cart service knows it: the account, or nobody (a guest cart). */
export function cartOwnerOf(checkout: Pick<CheckoutRecord, 'guest' | 'customerId'>): string | null {
  return checkout.guest ? null : checkout.customerId;
}

/** The order's customer: none for a guest. */
export function orderCustomerOf(checkout: Pick<CheckoutRecord, 'guest' | 'customerId'>): string | null {
  return checkout.guest ? null : checkout.customerId;
}

/** What a guest's quote says about a line: whether a flash sale prices it. */
export interface QuotedLineSource {
  sku: string;
  priceSource: string;
  flashSaleId?: string;
}

/**
 * A guest may buy ordinary products only: a SKU in a flash sale, or with any per-customer limit,
 * needs an account (a limit per customer means nothing without one). Null when the guest may go on.
 */
export function guestRefusal(lines: readonly QuotedLineSource[], limitedSkus: readonly string[]): { code: typeof FailureCode.ACCOUNT_REQUIRED; reason: string; details: { skus: string[] } } | null {
  const skus = new Set(limitedSkus);
  for (const line of lines) if (line.flashSaleId !== undefined || line.priceSource === 'flash_sale') skus.add(line.sku);
  if (skus.size === 0) return null;
  const list = [...skus].sort();
  return {
    code: FailureCode.ACCOUNT_REQUIRED,
    reason: `sign in or register to buy ${list.join(', ')}: items in a flash sale or with a per-customer limit need an account`,
    details: { skus: list },
  };
}
