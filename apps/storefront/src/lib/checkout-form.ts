import type { ShippingAddress } from '@shop/contracts';

export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/**
 * The shipping address as the checkout API takes it, from what the form posted: strings trimmed,
 * blank optional fields left out. Checking the values is the API's job (its 400 names the field).
 */
export function shippingAddressFrom(input: Record<string, unknown>): ShippingAddress {
  const out: Record<string, string> = {};
  for (const field of ADDRESS_FIELDS) {
    const value = input[field];
    const text = typeof value === 'string' ? value.trim() : '';
    if (text !== '' || !isOptional(field)) out[field] = text;
  }
  return out as unknown as ShippingAddress;
}

function isOptional(field: AddressField): boolean {
  return field === 'line2' || field === 'region' || field === 'phone';
}

/** What a shopper is asked when a required input was left empty. */
const ASK_FOR: Record<string, string> = {
  name: 'Enter your full name.',
  line1: 'Enter your street address.',
  city: 'Enter your town or city.',
  postalCode: 'Enter your postal code.',
  country: 'Choose your country.',
  email: 'Enter your email address.',
  paymentToken: 'Choose how you want to pay.',
};

/** The contracts' reason (“must not be empty”, “is required”) in a shopper's words. */
function shopperReason(input: string, reason: string): string {
  if (/^must be at least 1 characters? long$|^must not be empty$/.test(reason) || /^(is )?required$/i.test(reason)) return ASK_FOR[input] ?? 'Fill this in.';
  if (input === 'email') return 'Enter an email address like name@example.com.';
  if (input === 'country') return 'Choose a country from the list.';
  if (input === 'paymentToken') return 'Choose how you want to pay.';
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`;
}

/**
 * The API names fields by their path in the request (`shippingAddress.postalCode`,
 * `payment.token`); the form names them by input (`postalCode`, `paymentToken`), in a shopper's
 * words. Problems with no input of their own go under `form`, as the API said them.
 */
export function checkoutFieldErrors(apiErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, reason] of Object.entries(apiErrors)) {
    const field = path.startsWith('shippingAddress.') ? path.slice('shippingAddress.'.length) : path.startsWith('payment.') ? 'paymentToken' : path === 'email' ? 'email' : 'form';
    const key = (ADDRESS_FIELDS as readonly string[]).includes(field) || field === 'paymentToken' || field === 'email' ? field : 'form';
    out[key] ??= key === 'form' ? `${path}: ${reason}` : shopperReason(key, reason);
  }
  return out;
}
