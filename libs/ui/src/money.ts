import type { Money } from '@shop/contracts';

/** The shop's display locale: "€39.99", "€1,234.50". */
export const SHOP_LOCALE = 'en-IE';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats integer minor units (cents) as a price. The amount is turned into an exact decimal
 * string first, so no float ever carries money, not even for display.
 */
export function formatMinorUnits(amount: number, currency: string, locale: string = SHOP_LOCALE): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`a money amount must be an integer of minor units, got ${amount}`);
  const formatter = formatterFor(currency, locale);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  const magnitude = Math.abs(amount).toString().padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = digits > 0 ? `.${magnitude.slice(-digits)}` : '';
  const decimal = `${amount < 0 ? '-' : ''}${whole}${fraction}` as `${number}`;
  return formatter.format(decimal);
}

export function formatMoney(money: Money, locale: string = SHOP_LOCALE): string {
  return formatMinorUnits(money.amount, money.currency, locale);
}

/** "€29.99 – €39.99" for a product whose variants differ in price; one price when they agree. */
export function formatPriceRange(prices: readonly Money[], locale: string = SHOP_LOCALE): string {
  if (prices.length === 0) return '';
  const amounts = prices.map((p) => p.amount);
  const currency = prices[0]!.currency;
  const min = Math.min(...amounts);
  const max = Math.max(...amounts);
  if (min === max || prices.some((p) => p.currency !== currency)) return formatMinorUnits(min, currency, locale);
  return `${formatMinorUnits(min, currency, locale)} – ${formatMinorUnits(max, currency, locale)}`;
}
