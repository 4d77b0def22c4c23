/**
 * The console's sections, in navigation order: the shell (app/(console)/layout.tsx) draws its
 * navigation from this list, so a new screen is one entry here plus its pages under
 * app/(console)/<path>/. Paths are the (13).
 */
export interface ConsoleSection {
  href: string;
  label: string;
  /** One line of what it is for (the console's overview lists it). */
  description: string;
}

export const sections: readonly ConsoleSection[] = [
  { href: '/', label: 'Dashboard', description: 'Orders, revenue and the flash sales, live.' },
  { href: '/products', label: 'Products', description: 'The catalog: products, variants, categories and images.' },
  { href: '/inventory', label: 'Inventory', description: 'Stock per SKU, adjustments and their ledger, sale limits.' },
  { href: '/orders', label: 'Orders', description: 'Orders with their status history and checkout steps; cancel, refund, fulfil.' },
  { href: '/pricing', label: 'Pricing', description: 'Price lists, promotions, coupons and demand-pricing rules.' },
  { href: '/sales', label: 'Flash sales', description: 'Schedule a flash sale and follow it live.' },
  { href: '/customers', label: 'Customers', description: 'Accounts and their orders; disable an account.' },
  { href: '/notifications', label: 'Notifications', description: 'Emails sent, skipped and failed; retry a failed one.' },
  { href: '/operations', label: 'Operations', description: 'Dead-lettered events and dead sagas: retry or discard.' },
];

/** The section a path belongs to (`/products/123/edit` → Products); `/` only for the dashboard itself. */
export function sectionOf(pathname: string): ConsoleSection | undefined {
  return sections.find((s) => (s.href === '/' ? pathname === '/' : pathname === s.href || pathname.startsWith(`${s.href}/`)));
}
