import type { Product } from '@shop/contracts';

/**
 * What saving a product did in the shop: its own page and search follow at once, but category pages
 * and the home page are regenerated at most a minute apart (the storefront's `revalidate`), so a
 * merchant who looks there at once is told why it is not there yet.
 */
export function savedMessage(saved: Pick<Product, 'title' | 'status'>, verb: 'Saved' | 'Created'): string {
  const what = `${verb} “${saved.title}”`;
  if (saved.status === 'active') return `${what}. In the shop its page shows it now, search within seconds, category pages within a minute.`;
  if (saved.status === 'draft') return `${what} as a draft: shoppers see it once it is active.`;
  return `${what}.`;
}
