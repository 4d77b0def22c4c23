'use client';

import { useEffect } from 'react';
import { SelectField, type SelectOption } from './text-field';
import { useTableQuery } from './use-table-query';

/**
 * A select bound to one filter of a server-side table's query (use-table-query.ts): choosing
 * navigates to the first matching page; the first option, `anyLabel`, removes the filter.
 */
export function TableFilterSelect({
  name,
  label,
  anyLabel = 'Any',
  options,
  required,
}: {
  name: string;
  label: string;
  anyLabel?: string;
  options: readonly SelectOption[];
  /** Only hides the "(optional)" hint: the empty "any" choice stays valid outside a form. */
  required?: boolean;
}) {
  const query = useTableQuery();
  // A choice made before the page was interactive shows in the select but went nowhere: applied once
  // hydrated (the select's id is its name).
  useEffect(() => {
    const chosen = (document.getElementById(name) as HTMLSelectElement | null)?.value;
    if (chosen !== undefined && chosen !== query.filter(name)) query.setFilter(name, chosen || null);
    // Once, at hydration: later choices navigate through onChange.
  }, []);
  return (
    <SelectField
      name={name}
      label={label}
      required={required}
      value={query.filter(name)}
      onChange={(value) => query.setFilter(name, value || null)}
      options={[{ value: '', label: anyLabel }, ...options]}
    />
  );
}
