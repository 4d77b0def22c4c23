import { CreatePromotionBody, PromotionTarget, Slug, checkWithContract } from '@shop/contracts';
import { z } from 'zod';

/**
 * A product target as the console's form sends it: products named by slug, which the merchant
 * knows. The admin's server turns them into ids (resolvePromotionDraft) before the pricing API,
 * whose contract stays ids only, sees the promotion.
 */
export const ProductSlugTarget = z.strictObject({ kind: z.literal('product'), productSlugs: z.array(Slug).min(1).max(1000) });

const PromotionDraftTarget = z.discriminatedUnion('kind', [ProductSlugTarget, ...PromotionTarget.options.filter((option) => option.shape.kind.value !== 'product')]);

/** CreatePromotionBody with the product target by slugs; the pricing contract checks the rest again once resolved. */
export const PromotionDraftBody = z.strictObject({ ...CreatePromotionBody.shape, target: PromotionDraftTarget });
export type PromotionDraftBody = z.infer<typeof PromotionDraftBody>;

export type DraftResolution = { ok: true; body: CreatePromotionBody } | { ok: false; fieldErrors: Record<string, string> };

/**
 * The promotion the pricing API takes: product slugs become the products' ids through `productIdOf`
 * (null: no such product). Any unknown slug refuses the whole draft on `target.productSlugs`,
 * naming the slugs, so nothing is created for a typo.
 */
export async function resolvePromotionDraft(draft: unknown, productIdOf: (slug: string) => Promise<string | null>): Promise<DraftResolution> {
  const checked = checkWithContract(PromotionDraftBody, draft);
  if (!checked.ok) return checked;
  const { target, ...rest } = checked.data;
  if (target.kind !== 'product' || !('productSlugs' in target)) return finalCheck({ ...rest, target });
  const slugs = [...new Set(target.productSlugs)];
  const ids = await Promise.all(slugs.map((slug) => productIdOf(slug)));
  const unknown = slugs.filter((_, i) => ids[i] === null);
  if (unknown.length > 0) {
    const named = unknown.map((slug) => `"${slug}"`).join(', ');
    return { ok: false, fieldErrors: { 'target.productSlugs': `has no product with the slug ${named}: use the slug shown on the product's page` } };
  }
  return finalCheck({ ...rest, target: { kind: 'product', productIds: ids as string[] } });
}

function finalCheck(body: unknown): DraftResolution {
  const checked = checkWithContract(CreatePromotionBody, body);
  return checked.ok ? { ok: true, body: checked.data } : checked;
}
