'use client';

import type { FlashSale, FlashSaleStatus } from '@shop/contracts';
import { Button, ConfirmDialog, DataTable, EmptyState, TextField, formatMoney, useTableQuery, type ColumnDef } from '@shop/ui';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { localInputToIso } from '../../../lib/merch/form-mapping';
import { FLASH_SALE_FIELD_MAP, FLASH_SALE_FIELDS, FLASH_SALE_LABELS, flashSaleFromForm } from '../../../lib/merch/pricing-forms';
import { useConsoleAction } from '../../../lib/merch/use-console-action';
import { useContractForm } from '../../../lib/merch/use-contract-form';
import { FormCard } from '../../../components/form-card';
import { EditFlashSale } from './flash-sale-edit';
import { formatDateTime } from '../../../lib/format-time';
import { useLocalTimeHint } from '../../../lib/use-local-time-hint';

export const STATUS_LABELS: Record<FlashSaleStatus, string> = { scheduled: 'Scheduled', live: 'Live', sold_out: 'Sold out', ended: 'Ended', cancelled: 'Cancelled' };
export const STATUS_BADGES: Record<FlashSaleStatus, string> = { scheduled: 'badge badge-waiting', live: 'badge badge-good', sold_out: 'badge badge-bad', ended: 'badge', cancelled: 'badge' };

const text = (data: FormData, name: string) => String(data.get(name) ?? '');

/**
 * Schedules a sale. The form is checked with the shared contract (and a start in the future)
 * before anything is sent; what only the server knows (stock, currency, overlaps) comes back as
 * the API's field errors, shown on the same fields.
 */
export function ScheduleFlashSaleForm() {
  const localTimeHint = useLocalTimeHint();
  const router = useRouter();
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) => {
      const offset = -new Date().getTimezoneOffset();
      return flashSaleFromForm(
        {
          sku: text(data, 'sku'),
          salePrice: text(data, 'salePrice'),
          currency: text(data, 'currency'),
          units: text(data, 'units'),
          perCustomerLimit: text(data, 'perCustomerLimit'),
          startsAt: localInputToIso(text(data, 'startsAt'), offset) ?? '',
          endsAt: localInputToIso(text(data, 'endsAt'), offset) ?? '',
        },
        new Date(),
      );
    },
    request: (sale) => ({ method: 'POST', path: 'flash-sales', success: `Flash sale of ${sale.sku} scheduled` }),
    fieldMap: FLASH_SALE_FIELD_MAP,
    fields: FLASH_SALE_FIELDS,
    labels: FLASH_SALE_LABELS,
    onSaved: (sale) => router.push(`/sales/${(sale as FlashSale).id}`),
  });

  return (
    <FormCard id="schedule-sale" title="Schedule a flash sale" errors={errors} onSubmit={onSubmit} busy={busy} submitLabel="Schedule sale">
      <TextField name="sku" label={FLASH_SALE_LABELS.sku} required error={errors.sku} />
      <TextField name="salePrice" label={FLASH_SALE_LABELS.salePrice} inputMode="decimal" required error={errors.salePrice} hint="e.g. 9.99" />
      <TextField name="currency" label={FLASH_SALE_LABELS.currency} required defaultValue="EUR" error={errors.currency} />
      <TextField name="units" label={FLASH_SALE_LABELS.units} inputMode="numeric" required error={errors.units} />
      <TextField name="perCustomerLimit" label={FLASH_SALE_LABELS.perCustomerLimit} inputMode="numeric" required error={errors.perCustomerLimit} />
      <TextField name="startsAt" label={FLASH_SALE_LABELS.startsAt} type="datetime-local" step="1" required error={errors.startsAt} hint={localTimeHint} />
      <TextField name="endsAt" label={FLASH_SALE_LABELS.endsAt} type="datetime-local" step="1" required error={errors.endsAt} hint={localTimeHint} />
    </FormCard>
  );
}

/**
 * One server page of the sales, latest start first; one that has not opened yet can be cancelled
 * (asks first), an open one leads to its page, where it is watched and can be stopped.
 */
export function FlashSaleTable({ sales, nextCursor }: { sales: FlashSale[]; nextCursor: string | null }) {
  const { busy, send } = useConsoleAction();
  const query = useTableQuery();
  const [cancelling, setCancelling] = useState<FlashSale | null>(null);

  async function cancel() {
    if (!cancelling) return;
    const outcome = await send('POST', `flash-sales/${cancelling.id}/cancel`, {}, `Flash sale of ${cancelling.sku} cancelled`);
    if (outcome.ok) setCancelling(null);
  }

  const columns: ColumnDef<FlashSale>[] = [
    { id: 'sku', header: 'Sale', cell: ({ row }) => <Link href={`/sales/${row.original.id}`}>{`${row.original.title} (${row.original.sku})`}</Link> },
    { id: 'status', header: 'Status', cell: ({ row }) => <span className={STATUS_BADGES[row.original.status]}>{STATUS_LABELS[row.original.status]}</span> },
    { id: 'price', header: 'Price', meta: { numeric: true }, cell: ({ row }) => formatMoney(row.original.salePrice) },
    { id: 'left', header: 'Units left', meta: { numeric: true }, cell: ({ row }) => `${row.original.unitsRemaining} / ${row.original.unitsTotal}` },
    { id: 'limit', header: 'Per customer', meta: { numeric: true }, cell: ({ row }) => row.original.perCustomerLimit },
    { id: 'window', header: 'Window', cell: ({ row }) => `${formatDateTime(row.original.startsAt)} → ${formatDateTime(row.original.endsAt)}` },
    {
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) =>
        // Pricing changes or cancels a sale only before it opens (409 FLASH_SALE_NOT_SCHEDULED after), and
        // stops one only while it is open (live, or sold out with units that may come back).
        row.original.status === 'scheduled' ? (
          <span style={{ display: 'flex', gap: 8 }}>
            <EditFlashSale sale={row.original} small />
            <Button variant="danger" small onClick={() => setCancelling(row.original)} aria-label={`Cancel the sale of ${row.original.sku}`}>
              Cancel
            </Button>
          </span>
        ) : row.original.status === 'live' || row.original.status === 'sold_out' ? (
          <Link href={`/sales/${row.original.id}`} aria-label={`Watch or stop the sale of ${row.original.sku}`}>
            Watch · stop
          </Link>
        ) : null,
    },
  ];

  return (
    <>
      <DataTable
        caption="Flash sales"
        columns={columns}
        data={sales}
        getRowId={(s) => s.id}
        empty={<EmptyState title="No flash sale yet">Schedule one above.</EmptyState>}
        pagination={query.pagination(nextCursor)}
      />
      <ConfirmDialog
        open={cancelling !== null}
        title={cancelling ? `Cancel the flash sale of ${cancelling.sku}?` : 'Cancel the flash sale?'}
        confirmLabel="Cancel sale"
        cancelLabel="Keep sale"
        destructive
        busy={busy}
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(null)}
      >
        <p>It will not open: its sale price and its inventory limit are removed.</p>
      </ConfirmDialog>
    </>
  );
}
