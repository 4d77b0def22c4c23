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

export type MinorUnitsParse = { ok: true; amount: number } | { ok: false; reason: string };

/**
 * A typed amount ("12", "12.5", "1,234.50", "€ 9.99") as integer minor units of `currency`,
 * read digit by digit (never through a float, so "0.1" + "0.2" stays exact). More decimals than
 * the currency has, signs, and anything else are refused with a reason for the field.
 */
export function parseMinorUnits(text: string, currency: string): MinorUnitsParse {
  const digits = minorDigitsOf(currency);
  const bare = text.trim().replace(/^[^\p{L}\d.,-]+/u, '').replace(/[\s\u00a0]/g, '');
  if (bare === '') return { ok: false, reason: 'is required' };
  if (bare.startsWith('-')) return { ok: false, reason: 'must not be negative' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(bare);
  if (!match) return { ok: false, reason: 'must be an amount such as 12.50' };
  const whole = match[1]!.replace(/,/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, reason: digits === 0 ? `must be a whole amount in ${currency}` : `must have at most ${digits} decimals` };
  }
  const amount = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(amount)) return { ok: false, reason: 'is too large' };
  return { ok: true, amount };
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
