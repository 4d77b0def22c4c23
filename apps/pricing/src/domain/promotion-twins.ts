import type { Money, PromotionBenefit, PromotionTarget } from '@shop/contracts';

/** What a promotion gives, to whom and when: what two promotions must share to be twins. */
export interface PromotionOffer {
  target: PromotionTarget;
  benefit: PromotionBenefit;
  minSubtotal: Money | null;
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * The active promotion `offer` would duplicate: the same benefit on the same target with the same
 * qualifying subtotal, in a window that overlaps. Promotions stack (promotion-engine.ts), so a
 * twin takes the discount off twice: 20 % and 20 % is 36 % off, never what a merchant meant (a
 * form sent twice, a promotion created again instead of edited). `self` is left out (an edit).
 */
export function twinOf<P extends PromotionOffer & { id: string; active: boolean }>(offer: PromotionOffer, promotions: readonly P[], self?: string): P | undefined {
  const key = offerKey(offer);
  return promotions.find((p) => p.active && p.id !== self && offerKey(p) === key && windowsOverlap(p, offer));
}

/** The offer without its window, in one canonical text (target lists as sets, keys sorted). */
function offerKey(offer: PromotionOffer): string {
  return canonical({ target: offer.target, benefit: offer.benefit, minSubtotal: offer.minSubtotal });
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Whether [startsAt, endsAt) windows share an instant; a missing bound is open. */
function windowsOverlap(a: Pick<PromotionOffer, 'startsAt' | 'endsAt'>, b: Pick<PromotionOffer, 'startsAt' | 'endsAt'>): boolean {
  const start = (w: Pick<PromotionOffer, 'startsAt'>) => (w.startsAt === null ? -Infinity : Date.parse(w.startsAt));
  const end = (w: Pick<PromotionOffer, 'endsAt'>) => (w.endsAt === null ? Infinity : Date.parse(w.endsAt));
  return start(a) < end(b) && start(b) < end(a);
}
