import { FailureCode } from '@shop/contracts/failure';
import { SIGNED_OUT_MESSAGE, isSignedOut } from './session-ended';
/** The error body a storefront route handler answers (the platform's one shape). */
export interface ErrorAnswer {
  error?: { code?: string; message?: string; details?: unknown };
}

/**
 * What to tell a shopper when a cart change is refused. The cart service's messages are written
 * for developers; these are for people. Unknown refusals keep the service's message.
 */
export function cartErrorMessage(status: number, body: ErrorAnswer | null): string {
  const error = body?.error;
  if (isSignedOut(status)) return SIGNED_OUT_MESSAGE;
  switch (error?.code) {
    case FailureCode.QUANTITY_LIMIT_EXCEEDED: {
      const max = (error.details as { maxQuantity?: unknown } | undefined)?.maxQuantity;
      return typeof max === 'number' ? `You can have at most ${max} of this item in your cart.` : 'You already have the most of this item a cart can hold.';
    }
    case FailureCode.OUT_OF_STOCK: {
      const { available, inCart } = (error.details ?? {}) as { available?: unknown; inCart?: unknown };
      if (available === 0) return 'Sorry, this item is sold out.';
      if (typeof available !== 'number') return 'We do not have that many of this item.';
      const have = typeof inCart === 'number' && inCart > 0 ? ` You already have ${inCart} in your cart.` : '';
      return `Only ${available} left.${have}`;
    }
    case FailureCode.UNKNOWN_SKU:
    case FailureCode.SKU_UNAVAILABLE:
      return 'Sorry, this item is no longer available.';
    case FailureCode.CURRENCY_MISMATCH:
      return 'This item cannot be bought in your cart’s currency.';
    case FailureCode.CART_FULL:
      return 'Your cart is full. Remove something to add this.';
    case FailureCode.CART_BUSY:
      return 'Your cart is being updated elsewhere. Please try again.';
  }
  if (status === 404 || status >= 500) return 'The cart is not available right now. Please try again in a moment.';
  return error?.message ?? 'That did not work. Please try again.';
}
