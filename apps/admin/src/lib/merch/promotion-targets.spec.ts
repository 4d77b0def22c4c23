import { describe, expect, it } from 'vitest';
import { resolvePromotionDraft } from './promotion-targets';

const TEE_ID = '0b6f3c1e-6a44-4c5e-9d0a-3f1f6f0c2a11';
const MUG_ID = '5d2a8e4b-1f3c-4b7e-8a9d-6c0e2f4b8a22';
const CATALOG: Record<string, string> = { 'organic-tee': TEE_ID, 'enamel-mug': MUG_ID };

function lookup() {
  const asked: string[] = [];
  const productIdOf = async (slug: string) => {
    asked.push(slug);
    return CATALOG[slug] ?? null;
  };
  return { asked, productIdOf };
}

const draft = (target: unknown) => ({ name: 'Summer', target, benefit: { kind: 'percent_off', percent: 20 } });

describe('resolvePromotionDraft', () => {
  it('turns product slugs into the ids the pricing contract takes, each slug looked up once', async () => {
    const { asked, productIdOf } = lookup();
    const resolved = await resolvePromotionDraft(draft({ kind: 'product', productSlugs: ['organic-tee', 'enamel-mug', 'organic-tee'] }), productIdOf);
    expect(resolved).toEqual({
      ok: true,
      body: { name: 'Summer', target: { kind: 'product', productIds: [TEE_ID, MUG_ID] }, benefit: { kind: 'percent_off', percent: 20 }, priority: 0, exclusive: false, active: true },
    });
    expect(asked).toEqual(['organic-tee', 'enamel-mug']);
  });

  it('refuses the whole promotion on the target when a slug names no product, naming the unknown slugs', async () => {
    const resolved = await resolvePromotionDraft(draft({ kind: 'product', productSlugs: ['organic-tee', 't-shirtz', 'mugg'] }), lookup().productIdOf);
    expect(resolved).toEqual({ ok: false, fieldErrors: { 'target.productSlugs': 'has no product with the slug "t-shirtz", "mugg": use the slug shown on the product\'s page' } });
  });

  it('refuses a malformed draft before looking anything up', async () => {
    const { asked, productIdOf } = lookup();
    const resolved = await resolvePromotionDraft(draft({ kind: 'product', productSlugs: ['Organic Tee'] }), productIdOf);
    expect(resolved).toEqual({ ok: false, fieldErrors: { 'target.productSlugs.0': 'must be lowercase words joined by hyphens' } });
    expect(asked).toEqual([]);
  });

  it('passes the other targets through as the pricing contract checks them, ids still required', async () => {
    const { asked, productIdOf } = lookup();
    expect(await resolvePromotionDraft(draft({ kind: 'category', categoryIds: [TEE_ID] }), productIdOf)).toMatchObject({ ok: true, body: { target: { kind: 'category', categoryIds: [TEE_ID] } } });
    expect(await resolvePromotionDraft(draft({ kind: 'category', categoryIds: ['t-shirts'] }), productIdOf)).toEqual({ ok: false, fieldErrors: { 'target.categoryIds.0': 'must be a valid uuid' } });
    // Product ids straight from a caller are not the console's draft: the form always names products by slug.
    expect(await resolvePromotionDraft(draft({ kind: 'product', productIds: [TEE_ID] }), productIdOf)).toMatchObject({ ok: false });
    expect(asked).toEqual([]);
  });

  it('keeps the pricing contract\'s own rules once resolved (the end after the start)', async () => {
    const resolved = await resolvePromotionDraft(
      { ...draft({ kind: 'product', productSlugs: ['organic-tee'] }), startsAt: '2026-07-02T00:00:00Z', endsAt: '2026-07-01T00:00:00Z' },
      lookup().productIdOf,
    );
    expect(resolved).toEqual({ ok: false, fieldErrors: { endsAt: 'must be after the start' } });
  });
});
