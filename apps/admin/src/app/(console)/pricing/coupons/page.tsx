import { createMerchAdminClient } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../../lib/admin-session';
import { PricingNav } from '../pricing-nav';
import { CouponForm, CouponTable } from './coupons';

export const metadata = { title: 'Coupons' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

/** Coupons in code order, a server page at a time, with their usage so far (used, held). */
export default async function CouponsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const cursor = (await searchParams).cursor;
  const { api } = await requireAdmin();
  const page = await createMerchAdminClient(api).listCoupons({ limit: PAGE_SIZE, cursor: typeof cursor === 'string' && cursor ? cursor : undefined });
  return (
    <>
      <PageHeader title="Pricing" description="Coupons apply last, on what is left of each line. Checkouts in progress hold a use; it is used once the order is paid." />
      <PricingNav current="/pricing/coupons" />
      <CouponForm />
      <h2>Coupons</h2>
      <CouponTable page={page} />
    </>
  );
}
