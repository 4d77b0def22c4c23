import { createMerchAdminClient } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../../lib/admin-session';
import { PricingNav } from '../pricing-nav';
import { DemandRuleForm, DemandRuleTable } from './demand-rules';

export const metadata = { title: 'Demand pricing' };
export const dynamic = 'force-dynamic';

export default async function DemandRulesPage() {
  const { api } = await requireAdmin();
  const rules = await createMerchAdminClient(api).listDemandRules();
  // A rule's amounts are in its SKU's currency: read once for all the rules' SKUs.
  const skus = [...new Set(rules.map((r) => r.sku))].slice(0, 100);
  const prices = skus.length > 0 ? await api.getPrices(skus).catch(() => ({ items: [] })) : { items: [] };
  const currencies = Object.fromEntries(prices.items.map((p) => [p.sku, p.listPrice.currency]));
  return (
    <>
      <PageHeader title="Pricing" description="A demand rule moves a SKU's price between a floor and a ceiling by how fast it sells. Switching a rule off (the kill switch) brings the list price back at once." />
      <PricingNav current="/pricing/demand-rules" />
      <DemandRuleForm />
      <h2>Demand-pricing rules</h2>
      <DemandRuleTable rules={rules} currencies={currencies} />
    </>
  );
}
