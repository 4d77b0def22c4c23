import Link from 'next/link';

const TABS = [
  { href: '/pricing', label: 'Price lists' },
  { href: '/pricing/promotions', label: 'Promotions' },
  { href: '/pricing/coupons', label: 'Coupons' },
  { href: '/pricing/demand-rules', label: 'Demand pricing' },
] as const;

/** The pricing section's pages; the current one is marked for screen readers (aria-current). */
export function PricingNav({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Pricing" style={{ display: 'flex', gap: 16, marginBottom: 24 }}>
      {TABS.map((tab) => (
        <Link key={tab.href} href={tab.href} aria-current={tab.href === current ? 'page' : undefined} style={tab.href === current ? { fontWeight: 700, textDecoration: 'underline' } : undefined}>
          {tab.label}
        </Link>
      ))}
      <Link href="/sales">Flash sales</Link>
    </nav>
  );
}
