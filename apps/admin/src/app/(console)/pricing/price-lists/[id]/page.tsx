import { createMerchAdminClient, isApiError } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '../../../../../lib/admin-session';
import { PriceEntries } from '../../price-lists';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

export default async function PriceListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const cursor = (await searchParams).cursor;
  const { api } = await requireAdmin();
  const merch = createMerchAdminClient(api);
  const missing = (err: unknown) => {
    if (isApiError(err) && (err.status === 404 || err.status === 400)) notFound();
    throw err;
  };
  const [list, page] = await Promise.all([
    merch.getPriceList(id).catch(missing),
    merch.priceListEntries(id, { limit: PAGE_SIZE, cursor: typeof cursor === 'string' && cursor ? cursor : undefined }).catch(missing),
  ]);
  return (
    <>
      <p>
        <Link href="/pricing">← Price lists</Link>
      </p>
      <PageHeader title={list.name} description={`${list.currency}, ${list.customerGroup ? `customer group ${list.customerGroup}` : 'everyone'}, priority ${list.priority}.`} />
      <PriceEntries list={list} entries={page.items} nextCursor={page.nextCursor} />
    </>
  );
}
