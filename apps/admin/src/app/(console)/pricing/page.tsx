import { createMerchAdminClient, isApiError } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../lib/admin-session';
import { param, type SearchParams } from '../../../lib/search-params';
import { PriceListForm, PriceListTable } from './price-lists';
import { PricingNav } from './pricing-nav';

export const metadata = { title: 'Price lists' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

/** Price lists: per currency and customer group, each entry overrides a SKU's list price; the list in server pages. */
export default async function PriceListsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const cursor = param((await searchParams).cursor);
  const client = createMerchAdminClient(api);
  // A stale or hand-made cursor: the first page rather than an error page.
  const page = await client.listPriceLists({ limit: PAGE_SIZE, cursor }).catch((err: unknown) => {
    if (cursor && isApiError(err) && err.status === 400) return client.listPriceLists({ limit: PAGE_SIZE });
    throw err;
  });
  return (
    <>
      <PageHeader title="Pricing" description="Price lists, promotions, coupons and demand pricing. A SKU's price is the first of: a live flash sale, a scheduled price, a demand price, the customer group's price list, the list price; promotions and then a coupon come off that." />
      <PricingNav current="/pricing" />
      <PriceListForm />
      <h2>Price lists</h2>
      <PriceListTable lists={page.items} nextCursor={page.nextCursor} />
    </>
  );
}
