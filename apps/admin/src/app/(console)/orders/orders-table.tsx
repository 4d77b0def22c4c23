'use client';

import type { OrderSummary } from '@shop/contracts';
import { Button, DataTable, EmptyState, formatMinorUnits, queryString, TableFilterSelect, TextField, useTableQuery, type ColumnDef } from '@shop/ui';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ORDER_STATUSES, statusLabel } from '../../../lib/order-actions';
import { formatDateTime } from '../../../lib/format-time';

const columns: ColumnDef<OrderSummary>[] = [
  { id: 'number', header: 'Order', cell: ({ row }) => <Link href={`/orders/${row.original.number}`}>{row.original.number}</Link> },
  { id: 'createdAt', header: 'Placed', cell: ({ row }) => formatDateTime(row.original.createdAt) },
  { id: 'status', header: 'Status', cell: ({ row }) => <span className="badge" data-status={row.original.status}>{statusLabel(row.original.status)}</span> },
  {
    id: 'customer',
    header: 'Customer',
    // A guest's order has no account: the email the guest gave says who bought it. A customer's
    // is named by the email the order was placed with, and leads to the account.
    cell: ({ row }) => {
      const { customerId, email } = row.original;
      if (customerId === null) return <span data-guest="true">Guest · {email ?? 'no email'}</span>;
      return <Link href={`/customers/${customerId}`}>{email ?? `${customerId.slice(0, 8)}…`}</Link>;
    },
  },
  { id: 'items', header: 'Items', meta: { numeric: true }, cell: ({ row }) => row.original.itemCount },
  {
    id: 'total',
    header: 'Total',
    meta: { numeric: true },
    // A partly refunded order is still "Confirmed" (or shipped...): the amount given back says the rest.
    cell: ({ row }) => {
      const { total, refundedTotal, currency, status } = row.original;
      return (
        <>
          {formatMinorUnits(total, currency)}
          {refundedTotal > 0 && status !== 'REFUNDED' ? (
            <div className="muted" data-testid="order-refunded">
              {formatMinorUnits(refundedTotal, currency)} refunded
            </div>
          ) : null}
        </>
      );
    },
  },
];

/**
 * The orders of one server page, and the filters that choose it (status, number, customer, email,
 * creation dates), all in the URL: a filtered view can be bookmarked and shared.
 */
export function OrdersTable({ items, nextCursor, showFilters = true, caption = 'Orders' }: { items: OrderSummary[]; nextCursor: string | null; showFilters?: boolean; caption?: string }) {
  const query = useTableQuery();
  const router = useRouter();
  const pathname = usePathname();
  const [number, setNumber] = useState(query.filter('number'));
  const [customerId, setCustomerId] = useState(query.filter('customerId'));
  const [email, setEmail] = useState(query.filter('email'));
  const [from, setFrom] = useState(query.filter('from'));
  const [to, setTo] = useState(query.filter('to'));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // What the form shows is what is applied, the status included: a choice made before the page
    // was interactive is in the form, not in the component's state.
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams(query.params);
    for (const name of ['status', 'number', 'customerId', 'email', 'from', 'to']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
      else next.delete(name);
    }
    // New filters, back to the first page.
    next.delete('cursor');
    next.delete('back');
    router.push(`${pathname}${queryString(next)}`);
  }

  return (
    <>
      {showFilters ? (
        <form className="card filters" onSubmit={apply} aria-label="Filter orders" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'end', padding: 16, marginBottom: 16 }}>
          <TableFilterSelect name="status" label="Status" anyLabel="Any status" options={ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
          <TextField name="number" label="Order number" placeholder="SO-000123" value={number} onChange={setNumber} />
          <TextField name="customerId" label="Customer id" value={customerId} onChange={setCustomerId} />
          <TextField name="email" label="Email" type="email" placeholder="ann@example.com" value={email} onChange={setEmail} />
          <TextField name="from" label="Placed from" type="date" value={from} onChange={setFrom} />
          <TextField name="to" label="Placed on or before" type="date" value={to} onChange={setTo} />
          <Button type="submit">Apply</Button>
        </form>
      ) : null}
      <DataTable
        caption={caption}
        columns={columns}
        data={items}
        getRowId={(o) => o.id}
        empty={<EmptyState title="No orders">{showFilters ? 'No order matches these filters.' : 'None yet.'}</EmptyState>}
        pagination={query.pagination(nextCursor)}
      />
    </>
  );
}
