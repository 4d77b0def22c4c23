'use client';

import { SelectField, TextField, useTableQuery, type SelectOption } from '@shop/ui';
import { useEffect, useState } from 'react';

const STATUSES: SelectOption[] = [
  { value: '', label: 'Any status' },
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
      <SelectField name="status" label="Status" required value={table.filter('status')} onChange={(v) => table.setFilter('status', v)} options={STATUSES} />
      <SelectField
        name="category"
        label="Category"
        required
        value={table.filter('category')}
        onChange={(v) => table.setFilter('category', v)}
        options={[{ value: '', label: 'Any category' }, ...categories]}
      />
    </div>
  );
}
