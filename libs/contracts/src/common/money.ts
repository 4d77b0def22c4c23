import { z } from 'zod';

/** Money is integer minor units (cents) with an ISO-4217 currency; never a float. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO-4217 code');
export const Money = z.object({
  amount: z.number().int('must be an integer amount of minor units').min(0),
  currency: Currency,
});
export type Money = z.infer<typeof Money>;

/** How many minor units a currency's major unit has, as digits (EUR 2, JPY 0, BHD 3). */
export function minorDigitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Why a typed amount was refused, as a code a form can act on (an empty field is `required`). */
export type MinorUnitsProblem = 'required' | 'negative' | 'unreadable' | 'ambiguous' | 'too_many_decimals' | 'too_large';

/**
 * A typed amount read, or refused with a reason about the field as a lower-case predicate that
 * names nothing ("is ambiguous — write 1234.00 or 1.234,00"), so any caller can put its own
 * subject in front: the API's field name, a form's label, or the quoted text typed.
 */
export type MinorUnitsParse = { ok: true; amount: number } | { ok: false; problem: MinorUnitsProblem; reason: string };

/**
 * A typed amount as integer minor units of `currency`, read digit by digit (never through a float,
 * so "0.1" + "0.2" stays exact). The one parser of money typed by a person (every admin form):
 * - a decimal point or a decimal comma: "12.50" and "12,50" are both 1250 (EUR);
 * - thousands grouped by the other mark (or spaces): "1,234.50", "1.234,50", "1 234,50";
 * - a currency symbol or code in front ("€ 9.99");
 * - for a currency without decimals (JPY) a single mark groups thousands ("1,500").
 * Refused with a reason for the field: signs, more decimals than the currency has, anything else,
 * and a lone mark followed by exactly three digits when the currency has fewer decimals ("1.234"
 * or "1,234" in EUR): one reader means 1234, another 1.234, so the form asks instead of guessing,
 * offering the amount written both unambiguous ways ("1234.00 or 1.234,00").
 */
export function parseMinorUnits(text: string, currency: string): MinorUnitsParse {
  const digits = minorDigitsOf(currency);
  const bare = text.trim().replace(/^[^\p{L}\d.,-]+/u, '').replace(/^[A-Za-z]{3}(?=[\s\u00a0\u202f\d])/, '').replace(/[\s\u00a0\u202f]/g, '');
  if (bare === '') return { ok: false, problem: 'required', reason: 'is required' };
  if (bare.startsWith('-')) return { ok: false, problem: 'negative', reason: 'must not be negative' };
  const unreadable: MinorUnitsParse = { ok: false, problem: 'unreadable', reason: 'must be an amount such as 12.50 or 12,50' };
  if (!/^\d[\d.,]*$/.test(bare)) return unreadable;
  const split = splitAmount(bare, digits);
  if (split === null) return unreadable;
  if ('thousands' in split) {
    // Both readings that mean what the grouping would: the thousands plain, or grouped with the other mark as decimal.
    const { whole, fraction, mark } = split.thousands;
    const zeros = '0'.repeat(digits);
    return { ok: false, problem: 'ambiguous', reason: `is ambiguous — write ${whole}${fraction}.${zeros} or ${whole}${mark}${fraction}${mark === '.' ? ',' : '.'}${zeros}` };
  }
  const { whole, fraction } = split;
  if (fraction.length > digits) {
    return { ok: false, problem: 'too_many_decimals', reason: digits === 0 ? `must be a whole amount in ${currency}` : `must have at most ${digits} decimals` };
  }
  const amount = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(amount)) return { ok: false, problem: 'too_large', reason: 'is too large' };
  return { ok: true, amount };
}

/** Digits grouped in thousands by `mark` ("1,234,567"), or plain digits; the digits alone, or null. */
function ungrouped(whole: string, mark: string | null): string | null {
  if (mark === null || !whole.includes(mark)) return /^\d+$/.test(whole) ? whole : null;
  const groups = whole.split(mark);
  return /^[1-9]\d{0,2}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g)) ? groups.join('') : null;
}

/**
 * The whole and fraction digits of a signless amount made of digits, points and commas: the last
 * mark is the decimal one when both kinds occur; a mark occurring more than once groups thousands;
 * a lone mark is decimal unless it is followed by exactly three digits the currency cannot have
 * as decimals (then it groups thousands in a currency without decimals, and is ambiguous otherwise:
 * `thousands`, the digits either side of the mark).
 */
function splitAmount(bare: string, digits: number): { whole: string; fraction: string } | { thousands: { whole: string; fraction: string; mark: string } } | null {
  const points = bare.split('.').length - 1;
  const commas = bare.split(',').length - 1;
  if (points === 0 && commas === 0) return { whole: bare, fraction: '' };
  if (points > 0 && commas > 0) {
    const decimal = bare.lastIndexOf('.') > bare.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if ((decimal === '.' ? points : commas) > 1) return null;
    const at = bare.lastIndexOf(decimal);
    const whole = ungrouped(bare.slice(0, at), group);
    return whole === null || !/^\d*$/.test(bare.slice(at + 1)) ? null : { whole, fraction: bare.slice(at + 1) };
  }
  const mark = points > 0 ? '.' : ',';
  if (points + commas > 1) {
    const whole = ungrouped(bare, mark);
    return whole === null ? null : { whole, fraction: '' };
  }
  const [whole, fraction] = bare.split(mark) as [string, string];
  if (fraction.length === 3 && digits < 3 && /^[1-9]\d{0,2}$/.test(whole)) return digits === 0 ? { whole: whole + fraction, fraction: '' } : { thousands: { whole, fraction, mark } };
  return { whole, fraction };
}

/** Minor units as the plain decimal a form shows and `parseMinorUnits` reads back ("1234.50"). */
export function minorUnitsToInput(amount: number, currency: string): string {
  const digits = minorDigitsOf(currency);
  const magnitude = Math.abs(amount).toString().padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  return `${amount < 0 ? '-' : ''}${whole}${digits > 0 ? `.${magnitude.slice(-digits)}` : ''}`;
}

const textFormatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units in words for server-written text ("€12.50", "¥1,200": mails, discount reasons). */
export function moneyText(amount: number, currency: string): string {
  let format = textFormatters.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency });
    textFormatters.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
