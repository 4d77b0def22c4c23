import { AdminProductsApi, createMerchAdminClient } from '@shop/api-client';
import type { Promotion } from '@shop/contracts';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../../lib/admin-session';
import { categoryOptionsOf } from '../../../../lib/products/category-options';
import { PricingNav } from '../pricing-nav';
import { PromotionForm, PromotionTable } from './promotions';

export const metadata = { title: 'Promotions' };
export const dynamic = 'force-dynamic';

/** Product titles are looked up one by one: past this many the list shows counts instead. */
const MAX_PRODUCT_LOOKUPS = 50;

export default async function PromotionsPage() {
  const { api } = await requireAdmin();
  const products = new AdminProductsApi(api);
  const [promotions, tree] = await Promise.all([createMerchAdminClient(api).listPromotions(), products.categories().catch(() => [])]);
  const categories = categoryOptionsOf(tree);
  return (
    <>
      <PageHeader title="Pricing" description="Promotions apply on their own inside their window, highest priority first; an exclusive one takes its lines alone." />
      <PricingNav current="/pricing/promotions" />
      <PromotionForm categories={categories} />
      <h2>Promotions</h2>
      <PromotionTable
        promotions={promotions}
        names={{ categories: Object.fromEntries(categories.map((c) => [c.id, c.label])), products: await productTitles(promotions, products) }}
      />
    </>
  );
}

/** The titles of the products the promotions target (a product gone or unreadable is left out: the list shows a count). */
async function productTitles(promotions: Promotion[], products: AdminProductsApi): Promise<Record<string, string>> {
  const ids = [...new Set(promotions.flatMap((p) => (p.target.kind === 'product' ? p.target.productIds : [])))];
  if (ids.length === 0 || ids.length > MAX_PRODUCT_LOOKUPS) return {};
  const found = await Promise.all(ids.map((id) => products.get(id).then((product) => [id, product.title] as const, () => null)));
  return Object.fromEntries(found.filter((entry) => entry !== null));
}
