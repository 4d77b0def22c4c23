import { fieldErrorsOf } from '@shop/api-client';
import { productFieldProblem, type FieldErrors } from './product-form';

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
 * The field of the editor a problem with `field` shows next to: an attribute's under the
 * variant's attributes, a price's currency under its price, one category's under the categories.
 */
function shownAt(field: string): string {
  return field
    .replace(/^(variants\.\d+\.attributes)\..+$/, '$1')
    .replace(/^(variants\.\d+\.price)\.currency$/, '$1')
    .replace(/^categoryIds\.\d+$/, 'categoryIds');
}

/**
 * A refused save as the product form shows it: a 400's field problems next to their fields, as
 * sentences naming the field as the form's own checks say them ("Title must not be empty."),
 * the catalog's conflicts next to the field they are about, anything else above the form.
 */
export function productSaveErrorsOf(status: number, body: ErrorBody | null): ShownErrors {
  const error = body?.error;
  const fields: FieldErrors = {};
  for (const [field, reason] of Object.entries(fieldErrorsOf(error?.details))) {
    const at = shownAt(field);
    if (!(at in fields)) fields[at] = productFieldProblem(field, reason);
  }
  if (Object.keys(fields).length > 0) {
    // A rule about the whole list (unique SKUs) comes as `variants`: above the variants.
    return { fields, form: status === 400 ? 'Some fields need a fix; see the messages next to them.' : (error?.message ?? null) };
  }
  switch (error?.code) {
    case 'SLUG_TAKEN':
      return { fields: { slug: productFieldProblem('slug', 'is already used by another product') }, form: null };
    case 'SKU_TAKEN':
      return { fields: {}, form: error.message ?? 'One of these SKUs is already used by another product.' };
    case 'UNKNOWN_CATEGORY':
      return { fields: { categoryIds: productFieldProblem('categoryIds', error.message ?? 'a category no longer exists') }, form: null };
    case 'PRODUCT_ARCHIVED':
      return { fields: {}, form: 'This product is archived; archived products cannot be changed.' };
  }
  if (status === 401) return { fields: {}, form: 'Your session has ended; sign in again.' };
  if (status === 403) return { fields: {}, form: error?.message ?? 'Only admins can change products.' };
  if (status >= 500) return { fields: {}, form: 'The catalog cannot be reached right now; nothing was saved. Try again in a moment.' };
  return { fields: {}, form: error?.message ?? 'The product could not be saved.' };
}
