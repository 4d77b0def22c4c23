'use client';

import type { Notification } from '@shop/contracts';
import { DataTable, EmptyState, TableFilterSelect, useTableQuery, type ColumnDef } from '@shop/ui';
import { formatDateTime } from '../../../lib/format-time';


const columns: ColumnDef<Notification>[] = [
  { id: 'createdAt', header: 'Created', cell: ({ row }) => formatDateTime(row.original.createdAt) },
  { id: 'recipient', header: 'Recipient', cell: ({ row }) => row.original.recipient || '—' },
  { id: 'template', header: 'Email', cell: ({ row }) => row.original.template },
  { id: 'subject', header: 'Subject', cell: ({ row }) => row.original.subject },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => (
      <span className="badge" data-status={row.original.status} title={row.original.skipReason ?? row.original.lastError ?? undefined}>
        {row.original.status}
      </span>
    ),
  },
  { id: 'attempts', header: 'Attempts', cell: ({ row }) => row.original.attempts },
  { id: 'why', header: 'Last error / reason', cell: ({ row }) => row.original.lastError ?? row.original.skipReason ?? '' },
  { id: 'sentAt', header: 'Sent', cell: ({ row }) => formatDateTime(row.original.sentAt) },
];

/** One server page of notifications; the status and template filters live in the URL. */
export function NotificationsTable({ items, nextCursor }: { items: Notification[]; nextCursor: string | null }) {
  const query = useTableQuery();
  return (
    <>
      <div className="card" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'end', padding: 16, marginBottom: 16 }}>
        <TableFilterSelect
          name="status"
          label="Status"
          options={[
            { value: 'pending', label: 'Pending' },
            { value: 'sent', label: 'Sent' },
            { value: 'failed', label: 'Failed' },
            { value: 'skipped', label: 'Skipped' },
          ]}
        />
        <TableFilterSelect
          name="template"
          label="Email"
          options={[
            { value: 'order-confirmed', label: 'Order confirmed' },
            { value: 'order-cancelled', label: 'Order cancelled' },
            { value: 'order-shipped', label: 'Order shipped' },
            { value: 'order-refunded', label: 'Refund issued' },
            { value: 'flash-sale-live', label: 'Sale is live' },
            { value: 'back-in-stock', label: 'Back in stock' },
            { value: 'password-reset', label: 'Password reset' },
          ]}
        />
      </div>
      <DataTable
        caption="Notifications"
        columns={columns}
        data={items}
        getRowId={(n) => n.id}
        empty={<EmptyState title="No emails">No email matches these filters.</EmptyState>}
        pagination={query.pagination(nextCursor)}
      />
    </>
  );
}
