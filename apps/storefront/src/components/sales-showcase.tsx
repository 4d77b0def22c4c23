import type { FlashSaleList } from '@shop/contracts';
import { BoltIcon } from './icons';
import { SaleCard } from './sales/sale-card';
import styles from './sales/sales.module.css';

/** The home page's flash sales: live first, then the next to open. */
export function SalesShowcase({ sales }: { sales: FlashSaleList }) {
  const order = (status: string) => (status === 'live' ? 0 : status === 'scheduled' ? 1 : 2);
  const items = [...sales.items].sort((a, b) => order(a.status) - order(b.status) || Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return (
    <section aria-labelledby="sales-heading" className={styles.showcase}>
      <div className={styles.showcaseHead}>
        <h2 id="sales-heading">
          <span className={styles.bolt} aria-hidden="true">
            <BoltIcon />
          </span>
          Flash sales
        </h2>
        <p className="muted">Limited units at a limited price. Times are the shop’s clock, not your device’s.</p>
      </div>
      <ul className={styles.saleGrid} aria-label="Flash sales">
        {items.map((sale) => (
          <li key={sale.id}>
            <SaleCard sale={sale} serverTime={sales.serverTime} />
          </li>
        ))}
      </ul>
    </section>
  );
}
