/** A page's search parameters as Next.js hands them to a server component. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One parameter's trimmed value, or undefined when it is absent, repeated or blank. */
export function param(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
