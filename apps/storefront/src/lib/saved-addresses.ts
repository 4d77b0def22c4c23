// Client-safe (types and failure codes only): the address book's answers, for the account page and checkout.
import { FailureCode } from '@shop/contracts/failure';
import type { SavedAddress, ShippingAddress } from '@shop/contracts';
import type { ErrorAnswer } from './cart-errors';
import { ADDRESS_FIELDS, checkoutFieldErrors } from './checkout-form';
import { SIGNED_OUT_MESSAGE, isSignedOut } from './session-ended';

export type FieldErrors = Record<string, string>;

/**
 * The fields a 400 names, by the form's input names and in a shopper's words (as checkout says
 * them): the API names an address field by its path in the body (`address.postalCode`).
 */
export function addressFieldErrors(details: unknown): FieldErrors {
  if (!Array.isArray(details)) return {};
  const byPath: Record<string, string> = {};
  for (const issue of details as { field?: unknown; reason?: unknown }[]) {
    if (typeof issue?.field !== 'string' || typeof issue.reason !== 'string') continue;
    const field = issue.field.startsWith('address.') ? issue.field.slice('address.'.length) : issue.field;
    byPath[(ADDRESS_FIELDS as readonly string[]).includes(field) ? `shippingAddress.${field}` : issue.field] ??= issue.reason;
  }
  return checkoutFieldErrors(byPath);
}

export type AddressBookAnswer = { kind: 'saved' } | { kind: 'signed-out' } | { kind: 'refused'; errors: FieldErrors };

/** What the account page says about a change to the address book (add, edit, delete, make default). */
export function addressBookAnswer(status: number, body: ErrorAnswer | null): AddressBookAnswer {
  if (status >= 200 && status < 300) return { kind: 'saved' };
  if (isSignedOut(status)) return { kind: 'signed-out' };
  const error = body?.error;
  if (status === 400) {
    const errors = addressFieldErrors(error?.details);
    if (Object.keys(errors).length > 0) return { kind: 'refused', errors };
  }
  if (error?.code === FailureCode.CONFLICT) {
    const max = (error.details as { max?: unknown } | undefined)?.max;
    return { kind: 'refused', errors: { form: `Your address book is full${typeof max === 'number' ? ` (${max} addresses)` : ''}. Delete an address you no longer use, then add this one.` } };
  }
  if (error?.code === FailureCode.NOT_FOUND) return { kind: 'refused', errors: { form: 'That address is no longer in your address book (it may have been deleted in another window). Reload the page.' } };
  if (status === 429) return { kind: 'refused', errors: { form: 'Too many changes at once. Please wait a moment and try again.' } };
  return { kind: 'refused', errors: { form: 'Your address book cannot be changed right now. Please try again in a moment.' } };
}

/** What the account page says when the name cannot be changed. */
export function nameChangeErrors(status: number, body: ErrorAnswer | null): FieldErrors {
  if (isSignedOut(status)) return { form: SIGNED_OUT_MESSAGE };
  const details = body?.error?.details;
  if (status === 400 && Array.isArray(details)) {
    const reason = (details as { field?: unknown; reason?: unknown }[]).find((d) => d?.field === 'name')?.reason;
    if (typeof reason === 'string') return { name: /at most/.test(reason) ? 'Use at most 120 characters.' : 'Enter your name, or leave it empty to remove it.' };
  }
  return { form: 'Your name cannot be changed right now. Please try again in a moment.' };
}

/** One line for a list or a picker: "Ada Lovelace, 1 Main Street, Flat 2, Dublin D02 X285, IE". */
export function addressSummary(address: ShippingAddress): string {
  const town = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, town, address.country].filter(Boolean).join(', ');
}

const canonical = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ').toUpperCase();

/** The same place for the same person (case, spacing and the postal code's space aside): saving it again would add a duplicate. */
export function sameAddress(a: ShippingAddress, b: ShippingAddress): boolean {
  return ADDRESS_FIELDS.every((field) =>
    field === 'postalCode' ? canonical(a.postalCode).replace(/ /g, '') === canonical(b.postalCode).replace(/ /g, '') : canonical(a[field]) === canonical(b[field]),
  );
}

/**
 * What deleting `id` also does, said in its confirmation: deleting the default makes the next one in
 * the book (which lists the default first, then the newest: the gateway promotes the newest) the
 * default. Null when nothing else changes.
 */
export function deleteAddressNote(book: readonly SavedAddress[], id: string): string | null {
  const deleted = book.find((a) => a.id === id);
  const next = book.find((a) => a.id !== id);
  if (!deleted?.isDefault || !next) return null;
  return `It is your default address: ${addressSummary(next.address)} becomes your default instead.`;
}

/** The saved address checkout fills in first: the default (the book lists it first), or none. */
export function defaultAddressOf(book: readonly SavedAddress[]): SavedAddress | null {
  return book.find((a) => a.isDefault) ?? book[0] ?? null;
}

/** Why checkout could not save the address an order was placed with: the book is full, or could not be reached. */
export type AddressSaveProblem = 'full' | 'unavailable';

/** The problem named in a checkout answer or the order page's query (`?address=`), or null for anything else. */
export function addressSaveProblemOf(value: unknown): AddressSaveProblem | null {
  return value === 'full' || value === 'unavailable' ? value : null;
}

/** The order page's notice when checkout could not save the address: the order stands, the address is not in the book. */
export function addressNotSavedText(problem: AddressSaveProblem): string {
  const why =
    problem === 'full'
      ? 'your address book is full. Delete an address you no longer use, then add this one.'
      : 'the address book could not be reached. You can add the address on your account page.';
  return `Your order is placed, but we could not save the address to your account: ${why}`;
}

/** What checkout knows of a signed-in shopper's address book (null for a guest, or when it cannot be read). */
export interface CheckoutAddressBook {
  addresses: SavedAddress[];
  max: number;
  /** The account's name: the recipient checkout suggests for a new address. */
  accountName: string | null;
}
