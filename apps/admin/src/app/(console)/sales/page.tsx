import { createMerchAdminClient, isApiError } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../lib/admin-session';
import { param, type SearchParams } from '../../../lib/search-params';
import { FlashSaleTable, ScheduleFlashSaleForm } from './flash-sales';

export const metadata = { title: 'Flash sales' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

/** Flash sales: schedule one (checked before saving), the list in server pages with live units left, cancel. */
export default async function FlashSalesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const cursor = param((await searchParams).cursor);
  const client = createMerchAdminClient(api);
  // A stale or hand-made cursor: the first page rather than an error page.
  const page = await client.listFlashSales({ limit: PAGE_SIZE, cursor }).catch((err: unknown) => {
    if (cursor && isApiError(err) && err.status === 400) return client.listFlashSales({ limit: PAGE_SIZE });
    throw err;
  });
  return (
    <>
      <PageHeader title="Flash sales" description="Units of a SKU at a sale price in a window, at most so many per customer. The inventory engine enforces them." />
      <ScheduleFlashSaleForm />
      <h2>Sales</h2>
      <FlashSaleTable sales={page.items} nextCursor={page.nextCursor} />
    </>
  );
}
