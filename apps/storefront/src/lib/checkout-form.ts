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

/**
 * The API names fields by their path in the request (`shippingAddress.postalCode`,
 * `payment.token`); the form names them by input (`postalCode`, `paymentToken`).
 * Problems with no input of their own go under `form`.
 */
export function checkoutFieldErrors(apiErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, reason] of Object.entries(apiErrors)) {
    const field = path.startsWith('shippingAddress.') ? path.slice('shippingAddress.'.length) : path.startsWith('payment.') ? 'paymentToken' : path === 'email' ? 'email' : 'form';
    const key = (ADDRESS_FIELDS as readonly string[]).includes(field) || field === 'paymentToken' || field === 'email' ? field : 'form';
    out[key] ??= key === 'form' ? `${path}: ${reason}` : reason;
  }
  return out;
}
