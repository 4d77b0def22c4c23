import { createMerchAdminClient } from '@shop/api-client';
import { StockAvailability } from '@shop/contracts';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../lib/admin-session';
import { StockTable } from './stock-table';

export const metadata = { title: 'Inventory' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Stock per SKU, a server page at a time (GET /api/admin/inventory), filtered by SKU and level. */
export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const { api } = await requireAdmin();
  const params = await searchParams;
  const level = StockAvailability.safeParse(one(params.availability));
  const page = await createMerchAdminClient(api).listStock({
    q: one(params.q)?.replace(/[^A-Za-z0-9-]/g, '') || undefined,
    availability: level.success ? level.data : undefined,
    cursor: one(params.cursor),
    limit: PAGE_SIZE,
  });
  return (
    <>
      <PageHeader title="Inventory" description="Stock per SKU: on hand, held by shoppers (reserved), sold but not shipped (committed), and what can still be sold (available)." />
      <StockTable page={page} />
    </>
  );
}
