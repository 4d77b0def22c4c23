import { createMerchAdminClient } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../../lib/admin-session';
import { PricingNav } from '../pricing-nav';
import { PromotionForm, PromotionTable } from './promotions';

export const metadata = { title: 'Promotions' };
export const dynamic = 'force-dynamic';

export default async function PromotionsPage() {
  const { api } = await requireAdmin();
  const promotions = await createMerchAdminClient(api).listPromotions();
  return (
    <>
      <PageHeader title="Pricing" description="Promotions apply on their own inside their window, highest priority first; an exclusive one takes its lines alone." />
      <PricingNav current="/pricing/promotions" />
      <PromotionForm />
      <h2>Promotions</h2>
      <PromotionTable promotions={promotions} />
    </>
  );
}
