/**
 * Edits between two words, where a swap of two neighbouring letters counts as one edit (optimal
 * string alignment): the commonest typo. "hoodei" is one edit from "hoodie" and two from "hood",
 * though by shared trigrams "hood" is the closer.
 */
export function typoDistance(a: string, b: string): number {
  // rows[i][j]: edits between a's first i letters and b's first j.
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate fewest edits from the typed word; on a tie the one whose length is nearer the
 * typed word's (a slip changes letters more often than it drops one: "hoodei" is "hoodie" rather
 * than the stem "hoodi"), then the earlier one (candidates come most similar first, by trigrams).
 * Undefined when there is none.
 */
export function closestWord(typed: string, candidates: readonly string[]): string | undefined {
  let best: { word: string; distance: number; lengthGap: number } | undefined;
  for (const word of candidates) {
    const distance = typoDistance(typed, word);
    const lengthGap = Math.abs(word.length - typed.length);
    if (!best || distance < best.distance || (distance === best.distance && lengthGap < best.lengthGap)) best = { word, distance, lengthGap };
  }
  return best?.word;
}
