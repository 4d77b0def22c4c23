import type { FlashSaleList } from '@shop/contracts';
import Link from 'next/link';
import { BoltIcon } from './icons';
import { SaleCard } from './sales/sale-card';
import styles from './sales/sales.module.css';

/** Sale cards, live first, then the next to open, then the sold out. */
export function SaleGrid({ sales }: { sales: FlashSaleList }) {
  const order = (status: string) => (status === 'live' ? 0 : status === 'scheduled' ? 1 : 2);
  const items = [...sales.items].sort((a, b) => order(a.status) - order(b.status) || Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return (
    <ul className={styles.saleGrid} aria-label="Flash sales">
      {items.map((sale) => (
        <li key={sale.id}>
          <SaleCard sale={sale} serverTime={sales.serverTime} />
        </li>
      ))}
    </ul>
  );
}

/** The home page's flash sales, with a link to their own page. */
export function SalesShowcase({ sales }: { sales: FlashSaleList }) {
  return (
    <section aria-labelledby="sales-heading" className={styles.showcase}>
      <div className={styles.showcaseHead}>
        <h2 id="sales-heading">
          <span className={styles.bolt} aria-hidden="true">
            <BoltIcon />
          </span>
          Flash sales
        </h2>
        <p className="muted">
          Limited units at a limited price. Times are the shop’s clock, not your device’s. <Link href="/sales">All flash sales →</Link>
        </p>
      </div>
      <SaleGrid sales={sales} />
    </section>
  );
}
