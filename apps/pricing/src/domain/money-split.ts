/**
 * Integer money arithmetic of discounts (minor units). Percentages round half up per line;
 * an amount spread over lines goes proportionally to what is left of each line, rounded down,
 * with the remainder on the largest line, so the shares add up to the amount exactly.
 */

/** `percent`% of `amount`, rounded half up to a minor unit. */
export function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}

/**
 * Spreads `amount` over `bases` (each share at most its base; the amount at most their sum).
 * Writes the shares into `into` at the same positions and answers the total spread.
 * BigInt keeps amount × base exact beyond 2^53.
 */
export function spreadProportionally(amount: number, bases: readonly number[], into: number[]): number {
  let sum = 0;
  for (const base of bases) sum += base;
  const total = Math.min(amount, sum);
  if (total <= 0) {
    for (let i = 0; i < bases.length; i++) into[i] = 0;
    return 0;
  }
  let given = 0;
  let largest = 0;
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  for (let i = 0; i < bases.length; i++) {
    const share = Number((bigTotal * BigInt(bases[i]!)) / bigSum);
    into[i] = share;
    given += share;
    if (bases[i]! > bases[largest]!) largest = i;
  }
  // The remainder (fewer minor units than there are lines) goes to the largest line first; when
  // that line is full it continues to the others, so no share exceeds its base.
  let remainder = total - given;
  for (let step = 0; remainder > 0 && step < bases.length; step++) {
    const i = (largest + step) % bases.length;
    const room = bases[i]! - into[i]!;
    const add = Math.min(room, remainder);
    into[i] = into[i]! + add;
    remainder -= add;
  }
  return total;
}
