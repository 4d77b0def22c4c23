// Buyer accounts and the seeded mix of what each buyer means to do: pure, so the mix and the
// expected outcome (units sold) can be checked without a platform.

export type Intent = 'approve' | 'decline' | 'abandon';

export interface BuyerPlan {
  index: number;
  intent: Intent;
  /** Units the buyer first asks for (may be above the limit: the platform must refuse that). */
  wants: number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same mix of buyers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planBuyers(count: number, mix: { declineShare: number; abandonShare: number; overLimitShare: number; limit: number; seed: number }): BuyerPlan[] {
  const random = seededRandom(mix.seed);
  return Array.from({ length: count }, (_, index) => {
    const r = random();
    const intent: Intent = r < mix.declineShare ? 'decline' : r < mix.declineShare + mix.abandonShare ? 'abandon' : 'approve';
    const wants = random() < mix.overLimitShare ? mix.limit + 1 : 1 + Math.floor(random() * mix.limit);
    return { index, intent, wants };
  });
}

/**
 * What the sale should sell: every unit the paying buyers asked for within the limit, up to the
 * sale's units. Buyers who gave up on errors (5xx, timeouts after retries) are left out of the
 * demand: they count in the error rate instead.
 */
export function expectedUnitsSold(units: number, limit: number, buyers: readonly { intent: Intent; wants: number; gaveUpOnError: boolean }[]): { expected: number; demand: number } {
  const demand = buyers.filter((b) => b.intent === 'approve' && !b.gaveUpOnError).reduce((sum, b) => sum + Math.min(b.wants, limit), 0);
  return { expected: Math.min(units, demand), demand };
}

/** The test card of buyer n: approving and declining cards each with their own fingerprint (sale limits count cards). */
export function cardTokenOf(intent: Intent, n: number): string {
  // tok_approve_<card> authorizes; an unknown token is the simulated provider's declined card.
  return intent === 'decline' ? `tok_declined_card_b${n}` : `tok_approve_b${n}`;
}

/** A shipping address of buyer n's own (sale limits also count the normalized address). */
export function addressOf(n: number) {
  return { name: `Load Buyer ${n}`, line1: `${n} Load Test Street`, city: 'London', postalCode: `E${(n % 20) + 1} ${n % 10}AA`, country: 'GB' };
}
