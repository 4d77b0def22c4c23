import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { PageNotice } from '../../components/page-notice';
import { SaleGrid } from '../../components/sales-showcase';
import { openSales } from '../../lib/flash-sales';

export const metadata: Metadata = { title: 'Flash sales' };

/** Every flash sale on or coming up (and those just sold out), live first. */
export default async function SalesPage() {
  await connection();
  const sales = await openSales();
  if (!sales) return <PageNotice title="Flash sales">The flash sales cannot be listed right now. Please try again in a moment.</PageNotice>;
  return (
    <div className="container page">
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current="Flash sales" />
      <h1>Flash sales</h1>
      <p className="muted">Limited units at a limited price. Times are the shop’s clock, not your device’s.</p>
      {sales.items.length === 0 ? (
        <p className="notice" data-testid="no-sales">
          No flash sale is on or coming up right now. <Link href="/search">Browse the shop</Link>
        </p>
      ) : (
        <SaleGrid sales={sales} />
      )}
    </div>
  );
}
