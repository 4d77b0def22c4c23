'use client';

import type { PriceList, PriceListEntry } from '@shop/contracts';
import { Button, ConfirmDialog, DataTable, EmptyState, TextField, formatMinorUnits, useTableQuery, type ColumnDef } from '@shop/ui';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { localInputToIso } from '../../../lib/merch/form-mapping';
import { PRICE_ENTRY_FIELD_MAP, PRICE_ENTRY_FIELDS, PRICE_ENTRY_LABELS, PRICE_LIST_FIELDS, priceEntryFromForm, priceListFromForm } from '../../../lib/merch/pricing-forms';
import { useConsoleAction } from '../../../lib/merch/use-console-action';
import { useContractForm } from '../../../lib/merch/use-contract-form';
import { browserOffset, text } from './form-bits';
import { FormCard } from '../../../components/form-card';
import { formatDateTime } from '../../../lib/format-time';
import { useLocalTimeHint } from '../../../lib/use-local-time-hint';

export function PriceListForm() {
  const localTimeHint = useLocalTimeHint();
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) =>
      priceListFromForm({
        name: text(data, 'name'),
        currency: text(data, 'currency'),
        customerGroup: text(data, 'customerGroup'),
        priority: text(data, 'priority'),
        startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
        endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
      }),
    request: (list) => ({ method: 'POST', path: 'price-lists', success: `Price list ${list.name} created` }),
    fieldMap: {},
    fields: PRICE_LIST_FIELDS,
  });

  return (
    <FormCard id="new-price-list" title="New price list" errors={errors} onSubmit={onSubmit} busy={busy} submitLabel="Create price list">
      <TextField name="name" label="Name" required error={errors.name} />
      <TextField name="currency" label="Currency" required defaultValue="EUR" error={errors.currency} />
      <TextField name="customerGroup" label="Customer group" error={errors.customerGroup} hint="Empty: everyone" />
      <TextField name="priority" label="Priority" inputMode="numeric" error={errors.priority} hint="Highest wins" />
      <TextField name="startsAt" label="Starts" type="datetime-local" step="1" error={errors.startsAt} hint={localTimeHint} />
      <TextField name="endsAt" label="Ends" type="datetime-local" step="1" error={errors.endsAt} hint={localTimeHint} />
    </FormCard>
  );
}

/** One server page of the price lists, oldest first. */
export function PriceListTable({ lists, nextCursor }: { lists: PriceList[]; nextCursor: string | null }) {
  const router = useRouter();
  const query = useTableQuery();
  const { busy, send } = useConsoleAction();
  const [deleting, setDeleting] = useState<PriceList | null>(null);

  async function remove() {
    if (!deleting) return;
    const outcome = await send('DELETE', `price-lists/${deleting.id}`, undefined, `Price list ${deleting.name} deleted`);
    if (outcome.ok) {
      setDeleting(null);
      router.refresh();
    }
  }

  const columns: ColumnDef<PriceList>[] = [
    { id: 'name', header: 'Name', cell: ({ row }) => <Link href={`/pricing/price-lists/${row.original.id}`}>{row.original.name}</Link> },
    { id: 'currency', header: 'Currency', cell: ({ row }) => row.original.currency },
    { id: 'group', header: 'Customer group', cell: ({ row }) => row.original.customerGroup ?? 'Everyone' },
    { id: 'priority', header: 'Priority', meta: { numeric: true }, cell: ({ row }) => row.original.priority },
    { id: 'entries', header: 'Entries', meta: { numeric: true }, cell: ({ row }) => row.original.entryCount.toLocaleString('en-IE') },
    { id: 'window', header: 'Window', cell: ({ row }) => `${formatDateTime(row.original.startsAt)} → ${formatDateTime(row.original.endsAt)}` },
    {
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <Button variant="danger" small onClick={() => setDeleting(row.original)} aria-label={`Delete price list ${row.original.name}`}>
          Delete
        </Button>
      ),
    },
  ];
  return (
    <>
      <DataTable
        caption="Price lists"
        columns={columns}
        data={lists}
        getRowId={(l) => l.id}
        empty={<EmptyState title="No price list yet">Create one above.</EmptyState>}
        pagination={query.pagination(nextCursor)}
      />
      <ConfirmDialog open={deleting !== null} title={`Delete the price list ${deleting?.name ?? ''}?`} confirmLabel="Delete price list" destructive busy={busy} onConfirm={() => void remove()} onCancel={() => setDeleting(null)}>
        <p>Its {deleting?.entryCount ?? 0} entries go with it; those SKUs fall back to the next price that applies.</p>
      </ConfirmDialog>
    </>
  );
}

/** A price list's entries, a server page at a time, with a form to set one and a delete per entry. */
export function PriceEntries({ list, entries, nextCursor }: { list: PriceList; entries: PriceListEntry[]; nextCursor: string | null }) {
  const query = useTableQuery();
  const { busy, send } = useConsoleAction();
  const [deleting, setDeleting] = useState<string | null>(null);
  const entryForm = useContractForm({
    read: (data) => priceEntryFromForm({ sku: text(data, 'sku'), price: text(data, 'price') }, list.currency),
    request: (entry) => ({ method: 'PUT', path: `price-lists/${list.id}/entries`, success: `Price of ${entry.entries[0]!.sku} saved` }),
    fieldMap: PRICE_ENTRY_FIELD_MAP,
    fields: PRICE_ENTRY_FIELDS,
    labels: PRICE_ENTRY_LABELS,
  });
  const errors = entryForm.errors;

  async function remove() {
    if (!deleting) return;
    const outcome = await send('DELETE', `price-lists/${list.id}/entries/${encodeURIComponent(deleting)}`, undefined, `Price of ${deleting} removed`);
    if (outcome.ok) setDeleting(null);
  }

  const columns: ColumnDef<PriceListEntry>[] = [
    { id: 'sku', header: 'SKU', cell: ({ row }) => row.original.sku },
    { id: 'amount', header: 'Price', meta: { numeric: true }, cell: ({ row }) => formatMinorUnits(row.original.amount, list.currency) },
    {
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <Button variant="danger" small onClick={() => setDeleting(row.original.sku)} aria-label={`Remove the price of ${row.original.sku}`}>
          Remove
        </Button>
      ),
    },
  ];
  return (
    <>
      <FormCard id="set-entry" title="Set a price" errors={errors} onSubmit={entryForm.onSubmit} busy={entryForm.busy} submitLabel="Save price">
        <TextField name="sku" label="SKU" required error={errors.sku} />
        <TextField name="price" label={`Price (${list.currency})`} inputMode="decimal" required error={errors.price} />
      </FormCard>
      <DataTable
        caption={`Entries of ${list.name}`}
        columns={columns}
        data={entries}
        getRowId={(e) => e.sku}
        empty={<EmptyState title="No entry yet">Set a SKU's price above.</EmptyState>}
        pagination={query.pagination(nextCursor, `${entries.length} shown of ${list.entryCount.toLocaleString('en-IE')} entries`)}
      />
      <ConfirmDialog open={deleting !== null} title={`Remove the price of ${deleting ?? ''}?`} confirmLabel="Remove price" destructive busy={busy} onConfirm={() => void remove()} onCancel={() => setDeleting(null)}>
        <p>The SKU falls back to the next price that applies.</p>
      </ConfirmDialog>
    </>
  );
}
