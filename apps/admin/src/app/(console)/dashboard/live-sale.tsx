'use client';

import { formatMinorUnits } from '@shop/ui';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import styles from './dashboard.module.css';
import { useLiveAnalytics } from './use-live-analytics';
import { formatTime } from '../../../lib/format-time';

const time = (iso: string) => formatTime(iso, { seconds: false });

/** A flash sale's live figures (the `sale` events of the analytics stream), as text and a sell-through chart. */
export function LiveSale({ saleId }: { saleId: string }) {
  const live = useLiveAnalytics('5m', saleId);
  const sale = live.sale;
  if (live.problem && !sale) return <p role="alert" className={styles.problem}>{live.problem}</p>;
  if (!sale) return <p className="muted">Connecting to the live figures…</p>;
  const curve = sale.sellThrough.map((p) => ({ at: time(p.at), sold: p.sold, held: p.held }));
  return (
    <div className={styles.grid}>
      <section className={`card ${styles.card}`} aria-label="Units" data-testid="sale-units">
        <h2 className={styles.cardTitle}>
          <code>{sale.sku}</code> — {sale.status.replace('_', ' ')}
        </h2>
        <p className={styles.figure}>
          <strong data-testid="sale-left">{sale.unitsLeft}</strong> <span className="muted">left of {sale.units}</span>
        </p>
        <p className={styles.figure}>
          <strong data-testid="sale-sold">{sale.unitsSold}</strong> <span className="muted">sold</span>
        </p>
        <p className={styles.figure}>
          <strong data-testid="sale-held">{sale.unitsHeld}</strong> <span className="muted">held by {sale.buyersHolding} buyers</span>
        </p>
        <p className="muted">
          Revenue {formatMinorUnits(sale.revenue.amount, sale.revenue.currency)} · sale price {formatMinorUnits(sale.salePrice.amount, sale.salePrice.currency)} each · at most{' '}
          {sale.perCustomerLimit} per customer.{' '}
          {sale.secondsToSellOut !== null ? `Sold out in ${sale.secondsToSellOut} s.` : null}
        </p>
      </section>
      <section className={`card ${styles.card}`} aria-label="Sell-through">
        <h2 className={styles.cardTitle}>Sell-through</h2>
        <figure className={styles.chart} role="img" aria-label={`Units sold over time: ${sale.unitsSold} of ${sale.units} sold, ${sale.unitsHeld} held`}>
          <ResponsiveContainer width="100%" height={204}>
            <LineChart data={curve}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" minTickGap={24} />
              <YAxis allowDecimals={false} width={32} />
              <Tooltip />
              <Legend verticalAlign="top" height={24} />
              <Line type="stepAfter" dataKey="sold" name="Units sold" stroke="var(--good)" dot={false} isAnimationActive={false} />
              <Line type="stepAfter" dataKey="held" name="Units held in carts" stroke="var(--warn)" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      </section>
    </div>
  );
}
