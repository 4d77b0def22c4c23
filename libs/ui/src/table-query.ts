/**
 * A server-side table's state lives in the URL (shareable, back-button friendly, read by the
 * server component that fetches the page): `sort` (`title`, `-price` for descending), the
 * platform's opaque `cursor` of the page shown, and `back`, the cursors of the pages before it
 * (cursor pagination has no "previous" of its own). Filters are any other parameters. Pure
 * functions of URLSearchParams; the useTableQuery hook applies them to the router.
 */
export interface ColumnSort {
  id: string;
  desc: boolean;
}

const BACK_SEPARATOR = ' ';
/** The first page has no cursor; it is kept in `back` as this mark. */
const FIRST_PAGE = '-';

export function sortingOf(params: URLSearchParams): ColumnSort[] {
  const sort = params.get('sort');
  if (!sort || sort === '-') return [];
  return sort.startsWith('-') ? [{ id: sort.slice(1), desc: true }] : [{ id: sort, desc: false }];
}

export function sortParamOf(sorting: readonly ColumnSort[]): string | null {
  const first = sorting[0];
  if (!first) return null;
  return first.desc ? `-${first.id}` : first.id;
}

/** Back to the first page: a new sort or filter makes the old cursors meaningless. */
function firstPage(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  next.delete('back');
  return next;
}

export function withSorting(params: URLSearchParams, sorting: readonly ColumnSort[]): URLSearchParams {
  const next = firstPage(params);
  const sort = sortParamOf(sorting);
  if (sort) next.set('sort', sort);
  else next.delete('sort');
  return next;
}

/** Sets (or with an empty value removes) a filter, back on the first page. */
export function withFilter(params: URLSearchParams, name: string, value: string | null): URLSearchParams {
  const next = firstPage(params);
  if (value === null || value === '') next.delete(name);
  else next.set(name, value);
  return next;
}

function backStack(params: URLSearchParams): string[] {
  return (params.get('back') ?? '').split(BACK_SEPARATOR).filter(Boolean);
}

export function hasPreviousPage(params: URLSearchParams): boolean {
  return backStack(params).length > 0;
}

export function nextPage(params: URLSearchParams, nextCursor: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('back', [...backStack(params), params.get('cursor') ?? FIRST_PAGE].join(BACK_SEPARATOR));
  next.set('cursor', nextCursor);
  return next;
}

export function previousPage(params: URLSearchParams): URLSearchParams {
  const stack = backStack(params);
  const previous = stack.pop();
  const next = new URLSearchParams(params);
  if (previous === undefined || previous === FIRST_PAGE) next.delete('cursor');
  else next.set('cursor', previous);
  if (stack.length > 0) next.set('back', stack.join(BACK_SEPARATOR));
  else next.delete('back');
  return next;
}

/** `?a=1` or '' for a router push. */
export function queryString(params: URLSearchParams): string {
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
