'use client';

import { TableFilterSelect, TextField, useTableQuery, type SelectOption } from '@shop/ui';
import { useEffect, useState } from 'react';

const STATUSES: SelectOption[] = [
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Draft' },
  { value: 'archived', label: 'Archived' },
];

/** Search (as you type, after a pause), status and category: each change reloads the first page from the server. */
export function ProductsToolbar({ categories }: { categories: SelectOption[] }) {
  const table = useTableQuery();
  const current = table.filter('q');
  const [q, setQ] = useState(current);

  useEffect(() => {
    if (q.trim() === current) return undefined;
    const timer = setTimeout(() => table.setFilter('q', q.trim()), 350);
    return () => clearTimeout(timer);
  }, [q, current, table]);

  return (
    <div role="search" className="toolbar" aria-label="Filter products">
      <TextField name="q" label="Search" type="search" value={q} onChange={setQ} placeholder="Title, slug or SKU" required />
      <TableFilterSelect name="status" label="Status" required anyLabel="Any status" options={STATUSES} />
      <TableFilterSelect name="category" label="Category" required anyLabel="Any category" options={categories} />
    </div>
  );
}
