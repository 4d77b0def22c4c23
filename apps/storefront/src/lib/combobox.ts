/**
 * The active option of a combobox's list after an arrow key (-1: none, the focus stays in the
 * text): down from none is the first, up from none the last, and both wrap around.
 */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count <= 0) return -1;
  if (key === 'ArrowDown') return active < 0 || active >= count - 1 ? 0 : active + 1;
  return active <= 0 ? count - 1 : active - 1;
}

/**
 * Where a suggestion leads: a product's page when it names one, a category's page when its text
 * is the name of one (`categoryPages`: lower-cased name → slug), else a search for its text.
 */
export function suggestionHref(
  suggestion: { text: string; slug?: string },
  searchHref: (q: string) => string,
  categoryPages: Readonly<Record<string, string>> = {},
): string {
  if (suggestion.slug) return `/p/${encodeURIComponent(suggestion.slug)}`;
  const category = Object.hasOwn(categoryPages, suggestion.text.toLowerCase()) ? categoryPages[suggestion.text.toLowerCase()] : undefined;
  return category ? `/c/${encodeURIComponent(category)}` : searchHref(suggestion.text);
}
