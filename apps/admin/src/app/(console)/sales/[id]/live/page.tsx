import { PageHeader } from '@shop/ui';
import { notFound } from 'next/navigation';
import { requireAdmin } from '../../../../../lib/admin-session';
import { LiveSale } from '../../../dashboard/live-sale';

export const metadata = { title: 'Flash sale, live' };
export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One flash sale, live: units sold, held and left, buyers holding, sell-through, time to sell out. */
export default async function LiveSalePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  return (
    <>
      <PageHeader title="Flash sale, live" description="Follows the sale as shoppers buy: no reload needed." />
      <LiveSale saleId={id} />
    </>
  );
}
