'use client';

import type { AdminUser } from '@shop/contracts';
import { Button, DataTable, EmptyState, TableFilterSelect, TextField, useTableQuery, type ColumnDef } from '@shop/ui';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { formatDate } from '../../../lib/format-time';

const columns: ColumnDef<AdminUser>[] = [
  { id: 'email', header: 'Email', cell: ({ row }) => <Link href={`/customers/${row.original.id}`}>{row.original.email}</Link> },
  { id: 'role', header: 'Role', cell: ({ row }) => row.original.role },
  { id: 'status', header: 'Status', cell: ({ row }) => (row.original.disabledAt ? <span className="badge" data-status="disabled">Disabled</span> : 'Active') },
  { id: 'createdAt', header: 'Since', cell: ({ row }) => formatDate(row.original.createdAt) },
];

/** Accounts of one server page, searched by part of the email and filtered by status, in the URL. */
export function CustomersTable({ items, nextCursor }: { items: AdminUser[]; nextCursor: string | null }) {
  const query = useTableQuery();
  const [q, setQ] = useState(query.filter('q'));

  function search(event: FormEvent) {
    event.preventDefault();
    query.setFilter('q', q.trim() || null);
  }

  return (
    <>
      <div className="card" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'end', padding: 16, marginBottom: 16 }}>
        <form role="search" onSubmit={search} style={{ display: 'flex', gap: 12, alignItems: 'end' }}>
          <TextField name="q" label="Email contains" type="search" value={q} onChange={setQ} />
          <Button type="submit">Search</Button>
        </form>
        <TableFilterSelect
          name="status"
          label="Status"
          options={[
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
      </div>
      <DataTable
        caption="Customers"
        columns={columns}
        data={items}
        getRowId={(u) => u.id}
        empty={<EmptyState title="No accounts">No account matches this search.</EmptyState>}
        pagination={query.pagination(nextCursor)}
      />
    </>
  );
}
