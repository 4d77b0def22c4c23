/** "€1,234.50" → 123450 (minor units), for comparing what a page shows. */
export function centsOf(text: string): number {
  const match = /€\s?([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no euro price in "${text}"`);
  return Number(match[1]!.replace(/,/g, '')) * 100 + Number(match[2]);
}
