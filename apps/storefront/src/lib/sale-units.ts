/**
 * Remaining units in words for a live region that polls every second or two. Announcing every
 * unit would talk over the page; this says the figure in steps: tens of percent while plenty are
 * left, every unit in the last ten, and the moment it sells out.
 */
export function spokenRemaining(remaining: number, total: number): string {
  if (remaining <= 0) return 'Sold out: no units left.';
  if (remaining <= 10 || total <= 10) return `${remaining} ${remaining === 1 ? 'unit' : 'units'} left.`;
  if (remaining >= total) return `${total} units, none taken yet.`;
  const percent = Math.min(90, Math.ceil((remaining / total) * 10) * 10);
  return `About ${percent}% of ${total} units left.`;
}
