/** "SO-000123": a sequence value shown with at least six digits. */
export function formatOrderNumber(sequence: number): string {
  return `SO-${String(sequence).padStart(6, '0')}`;
}

/** The sequence value of "SO-000123", or undefined for anything else. */
export function parseOrderNumber(number: string): number | undefined {
  const match = /^SO-(\d{6,})$/.exec(number);
  if (!match) return undefined;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
