/** Money in words for discount reasons ("€5.00"), one formatter per currency. */
const formatters = new Map<string, Intl.NumberFormat>();

export function moneyText(amount: number, currency: string): string {
  let format = formatters.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency });
    formatters.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
