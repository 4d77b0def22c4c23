/** A word no other test's product holds (letters only, so every engine keeps it as one word). */
export function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = 'zq';
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}

let skuCounter = 0;
export function uniqueSku(stem = 'SRCH'): string {
  return `${stem}-${Date.now().toString(36)}${(skuCounter++).toString(36)}`.toUpperCase();
}
