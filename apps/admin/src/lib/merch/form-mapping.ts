import { checkWithContract, parseMinorUnits, type MinorUnitsProblem } from '@shop/contracts';
import type { z } from 'zod';

/** A form turned into a contract body, or the reasons keyed by the form's own field names. */
export type FormResult<T> = { ok: true; body: T } | { ok: false; fieldErrors: Record<string, string> };

/** Where a contract's field (dotted path) shows on a form: contract path or prefix → form field. */
export type FieldMap = Readonly<Record<string, string>>;

/** The form-level slot: problems that name no field of the form. */
export const FORM_LEVEL = '';

/**
 * The API's (or the contract's) field errors placed on the form's fields: the longest mapped
 * prefix of each path wins (`salePrice.amount` → `salePrice`), a path the map does not know keeps
 * its name when the form has that field, else goes to the form level. First reason per field.
 */
export function formFieldErrors(errors: Record<string, string>, map: FieldMap, formFields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: string, reason: string) => {
    if (!(field in out)) out[field] = reason;
  };
  for (const [path, reason] of Object.entries(errors)) {
    const prefix = Object.keys(map)
      .filter((p) => path === p || path.startsWith(`${p}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix !== undefined) put(map[prefix]!, reason);
    else if (formFields.includes(path)) put(path, reason);
    else put(FORM_LEVEL, path === '' || path === 'body' ? reason : `${path} ${reason}`);
  }
  return out;
}

/** A typed whole number ("12", "-3"); NaN-free: text that is not one gives a reason instead. */
export function parseWholeNumber(text: string, options: { allowNegative?: boolean } = {}): { ok: true; value: number } | { ok: false; reason: string } {
  const bare = text.trim();
  if (bare === '') return { ok: false, reason: 'is required' };
  if (!(options.allowNegative ? /^[-+]?\d+$/ : /^\+?\d+$/).test(bare)) {
    return { ok: false, reason: options.allowNegative ? 'must be a whole number' : 'must be a whole number, 0 or more' };
  }
  const value = Number(bare);
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, reason: 'is too large' };
}

/**
 * Reads a form: `read` turns its texts into a candidate body and notes what it could not read
 * (money, numbers); then the contract checks the candidate with the API's own reasons. Both kinds
 * of problems come back keyed by form field, the reading ones first.
 */
export function formToBody<S extends z.ZodType>(
  schema: S,
  read: (problem: (field: string, reason: string) => void) => unknown,
  map: FieldMap,
  formFields: readonly string[],
): FormResult<z.output<S>> {
  const readErrors: Record<string, string> = {};
  const candidate = read((field, reason) => {
    if (!(field in readErrors)) readErrors[field] = reason;
  });
  const checked = checkWithContract(schema, candidate);
  if (checked.ok && Object.keys(readErrors).length === 0) return { ok: true, body: checked.data };
  const contractErrors = checked.ok ? {} : formFieldErrors(checked.fieldErrors, map, formFields);
  // A field the form could not read is reported as such, not as what the contract made of the gap.
  return { ok: false, fieldErrors: { ...contractErrors, ...readErrors } };
}

/**
 * A refused amount's reason about what was typed, quoted first (`“1.234” is ambiguous — write
 * 1234.00 or 1.234,00`): a form says it after the field's label ("Sale price: “1.234” is …",
 * problem.ts). An empty field is simply required.
 */
export function typedMoneyReason(text: string, refusal: { problem: MinorUnitsProblem; reason: string }): string {
  return refusal.problem === 'required' ? refusal.reason : `“${text.trim()}” ${refusal.reason}`;
}

/** Money typed in a form field, as minor units; `undefined` (and a problem about what was typed) when unreadable. */
export function readMoney(text: string, currency: string, field: string, problem: (field: string, reason: string) => void): number | undefined {
  const parsed = parseMinorUnits(text, currency);
  if (parsed.ok) return parsed.amount;
  problem(field, typedMoneyReason(text, parsed));
  return undefined;
}

/** A whole number typed in a form field; `undefined` (and a problem) when unreadable, or when empty and optional. */
export function readWhole(
  text: string,
  field: string,
  problem: (field: string, reason: string) => void,
  options: { optional?: boolean; allowNegative?: boolean } = {},
): number | undefined {
  if (options.optional && text.trim() === '') return undefined;
  const parsed = parseWholeNumber(text, options);
  if (parsed.ok) return parsed.value;
  problem(field, parsed.reason);
  return undefined;
}

/**
 * A `datetime-local` input's value ("2030-01-31T12:00") as an ISO instant, read in the time zone
 * `offsetMinutes` east of UTC (the browser's: `-new Date().getTimezoneOffset()`); undefined when empty.
 */
export function localInputToIso(value: string, offsetMinutes: number): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return value.trim() === '' ? undefined : value.trim();
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

/** An instant as a `datetime-local` value in the time zone `offsetMinutes` east of UTC (to the second). */
export function isoToLocalInput(iso: string, offsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString();
  return local.slice(0, 19);
}

/**
 * What a form shows for a refused change: the API's field errors on its fields, or, when the
 * refusal names no field (409 STOCK_BELOW_COMMITMENTS…), its message at the form level.
 */
export function refusalErrors(refusal: { message: string; fieldErrors: Record<string, string> }, map: FieldMap, formFields: readonly string[]): Record<string, string> {
  const errors = formFieldErrors(refusal.fieldErrors, map, formFields);
  return Object.keys(errors).length > 0 ? errors : { [FORM_LEVEL]: refusal.message };
}

/**
 * A refusal's field errors, plus a conflict that names the one field it is about in its details
 * (`{ field: 'usageLimit', taken: 3 }`: a 409 has no per-field reasons): that field, with the
 * refusal's message (which says why, e.g. how many uses are taken).
 */
export function withNamedField(refusal: { message: string; fieldErrors: Record<string, string>; details?: unknown }): { message: string; fieldErrors: Record<string, string> } {
  const named = refusal.details !== null && typeof refusal.details === 'object' && !Array.isArray(refusal.details) ? (refusal.details as { field?: unknown }).field : undefined;
  if (typeof named !== 'string' || named === '' || named in refusal.fieldErrors) return { message: refusal.message, fieldErrors: refusal.fieldErrors };
  return { message: refusal.message, fieldErrors: { ...refusal.fieldErrors, [named]: refusal.message } };
}
