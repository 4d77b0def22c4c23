'use client';

import type { PublicFlashSale } from '@shop/contracts';
import Link from 'next/link';
import { salePhase } from '../../lib/server-clock';
import { PriceTag } from '../price-tag';
import { ProductImage } from '../product-image';
import { Countdown } from './countdown';
import { RemainingUnits } from './remaining-units';
import styles from './sales.module.css';
import { useServerNow } from './use-server-now';

/** One sale on the home page: its state on server time, the sale price against the list price, units left. */
export function SaleCard({ sale, serverTime }: { sale: PublicFlashSale; serverTime: string }) {
  const now = useServerNow(serverTime, null, 1000);
  const phase = salePhase(sale, now);
  return (
    <article className={styles.saleCard} data-testid="sale-card" aria-labelledby={`sale-${sale.id}`}>
      <Link href={`/sales/${sale.id}`} className={styles.saleLink}>
        <div className={styles.saleMedia}>
          <ProductImage src={sale.image ?? undefined} alt={sale.title} />
          <span className={`${styles.phase} ${styles[`phase_${phase}`]}`}>{phaseLabel(phase)}</span>
        </div>
        <div className={styles.saleBody}>
          <h3 id={`sale-${sale.id}`} className={styles.saleTitle}>
            {sale.title}
          </h3>
          <PriceTag now={sale.salePrice} was={sale.listPrice} showPercent testId="sale-price" />
          {phase === 'upcoming' && <Countdown label="Starts in" targetMs={Date.parse(sale.startsAt)} nowMs={now} />}
          {phase === 'live' && <Countdown label="Ends in" targetMs={Date.parse(sale.endsAt)} nowMs={now} />}
          <RemainingUnits remaining={phase === 'upcoming' ? sale.unitsTotal : sale.unitsRemaining} total={sale.unitsTotal} upcoming={phase === 'upcoming'} />
        </div>
      </Link>
    </article>
  );
}

export function phaseLabel(phase: ReturnType<typeof salePhase>): string {
  switch (phase) {
    case 'upcoming':
      return 'Coming soon';
    case 'live':
      return 'Live now';
    case 'sold_out':
      return 'Sold out';
    case 'ended':
      return 'Ended';
    case 'cancelled':
      return 'Cancelled';
  }
}
