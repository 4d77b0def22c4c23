'use client';

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
