import { createMerchAdminClient, isApiError } from '@shop/api-client';
import { PageHeader, formatMoney } from '@shop/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '../../../../lib/admin-session';
import { LiveSale } from './live-sale';
import { formatDateTime } from '../../../../lib/format-time';

export const dynamic = 'force-dynamic';

/** One flash sale, followed live: status, units left and the countdown on the server's time. */
export default async function FlashSalePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { api } = await requireAdmin();
  const sale = await createMerchAdminClient(api)
    .getFlashSale(id)
    .catch((err: unknown) => {
      if (isApiError(err) && (err.status === 404 || err.status === 400)) notFound();
      throw err;
    });
  return (
    <>
      <p>
        <Link href="/sales">← Flash sales</Link>
      </p>
      <PageHeader
        title={`${sale.title} (${sale.sku})`}
        description={`${formatMoney(sale.salePrice)} instead of ${formatMoney(sale.listPrice)}, ${sale.unitsTotal} units, at most ${sale.perCustomerLimit} per customer.`}
        actions={
          <>
            {sale.status !== 'scheduled' && sale.status !== 'cancelled' && <Link href={`/sales/${sale.id}/live`}>Sell-through chart</Link>}
            <Link href={`/inventory/${encodeURIComponent(sale.sku)}`}>Stock of {sale.sku}</Link>
          </>
        }
      />
      {sale.stoppedAt && (
        <p className="notice notice-warn" role="status" data-testid="sale-stopped">
          Stopped at {formatDateTime(sale.stoppedAt)}
          {sale.plannedEndsAt ? ` (planned to end ${formatDateTime(sale.plannedEndsAt)})` : ''}.
        </p>
      )}
      <LiveSale initial={sale} />
    </>
  );
}
