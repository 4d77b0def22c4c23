import { fieldErrorsOf } from '@shop/api-client';
import { priceProblem, type FieldErrors } from './product-form';

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

export interface ShownErrors {
  /** Next to their field, keyed by the API's field path. */
  fields: FieldErrors;
  /** Above the form (and in a toast): what belongs to no one field. */
  form: string | null;
}

/**
 * A refused save as the product form shows it: a 400's field problems next to their fields,
 * the catalog's conflicts next to the field they are about, anything else above the form.
 */
export function productSaveErrorsOf(status: number, body: ErrorBody | null): ShownErrors {
  const error = body?.error;
  // A variant's price is said as a sentence naming it, as the form's own check says it.
  const fields = Object.fromEntries(Object.entries(fieldErrorsOf(error?.details)).map(([field, reason]) => [field, /^variants\.\d+\.price(\.|$)/.test(field) ? priceProblem(reason) : reason]));
  if (Object.keys(fields).length > 0) {
    // A rule about the whole list (unique SKUs) comes as `variants`: above the variants.
    return { fields, form: status === 400 ? 'Some fields need a fix; see the messages next to them.' : (error?.message ?? null) };
  }
  switch (error?.code) {
    case 'SLUG_TAKEN':
      return { fields: { slug: 'is already used by another product' }, form: null };
    case 'SKU_TAKEN':
      return { fields: {}, form: error.message ?? 'One of these SKUs is already used by another product.' };
    case 'UNKNOWN_CATEGORY':
      return { fields: { categoryIds: error.message ?? 'a category no longer exists' }, form: null };
    case 'PRODUCT_ARCHIVED':
      return { fields: {}, form: 'This product is archived; archived products cannot be changed.' };
  }
  if (status === 401) return { fields: {}, form: 'Your session has ended; sign in again.' };
  if (status === 403) return { fields: {}, form: error?.message ?? 'Only admins can change products.' };
  if (status >= 500) return { fields: {}, form: 'The catalog cannot be reached right now; nothing was saved. Try again in a moment.' };
  return { fields: {}, form: error?.message ?? 'The product could not be saved.' };
}
