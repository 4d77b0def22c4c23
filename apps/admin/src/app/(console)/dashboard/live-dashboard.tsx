'use client';

import type { AnalyticsWindow, DashboardSnapshot } from '@shop/contracts';
import { formatMinorUnits } from '@shop/ui';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import styles from './dashboard.module.css';
import { type LiveStatus, useLiveAnalytics } from './use-live-analytics';
import { formatTime } from '../../../lib/format-time';

const WINDOWS: readonly AnalyticsWindow[] = ['5m', '15m', '1h', '24h'];
const REFUSALS: Record<string, string> = { sold_out: 'Sold out', limit: 'Over the limit', shed: 'Shed (overload)', other: 'Other' };

/** The live dashboard: every card's figures as text, with a chart beside them where a trend helps. */
export function LiveDashboard() {
  const [window, setWindow] = useState<AnalyticsWindow>('15m');
  const live = useLiveAnalytics(window);
  const s = live.snapshot;
  return (
    <div className={styles.dashboard}>
      <div className={styles.toolbar}>
        <StatusBadge status={live.status} />
        <label className={styles.window}>
          Window{' '}
          <select value={window} onChange={(e) => setWindow(e.target.value as AnalyticsWindow)} aria-label="Time window">
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                last {w}
              </option>
            ))}
          </select>
        </label>
        {s ? <span className="muted">Updated {formatTime(s.generatedAt)}</span> : null}
      </div>
      {live.problem ? (
        <p role="alert" className={styles.problem}>
          {live.problem} The figures below are the last ones received.
        </p>
      ) : null}
      {s ? <Cards snapshot={s} /> : <p className="muted">Connecting to the live figures…</p>}
    </div>
  );
}

function StatusBadge({ status }: { status: LiveStatus }) {
  const label = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting…', unavailable: 'Figures unavailable' }[status];
  return (
    <span className={`${styles.badge} ${status === 'live' ? styles.badgeLive : styles.badgeOff}`} role="status" data-testid="live-status">
      {label}
    </span>
  );
}

function Cards({ snapshot: s }: { snapshot: DashboardSnapshot }) {
  const ordersSeries = s.orders.perMinute.map((p) => ({ at: formatTime(p.at), orders: p.value }));
  const reservationSeries = s.reservations.perSecond.map((p) => ({ at: formatTime(p.at), reservations: p.value }));
  const mainCurrency = s.revenue.total[0]?.currency ?? 'EUR';
  const revenueSeries = s.revenue.perMinute.map((p) => ({ at: formatTime(p.at), revenue: (p.amounts.find((m) => m.currency === mainCurrency)?.amount ?? 0) / 100 }));
  const funnel = [
    { step: 'Held', count: s.funnel.held },
    { step: 'Checked out', count: s.funnel.checkedOut },
    { step: 'Paid', count: s.funnel.paid },
  ];
  return (
    <div className={styles.grid}>
      <Card title="Orders per minute" testId="card-orders">
        <Figure label="last full minute" value={s.orders.lastMinute} testId="orders-last-minute" />
        <Figure label={`in the last ${s.window.name}`} value={s.orders.total} testId="orders-total" />
        <Chart label={`Orders per minute over the last ${s.window.name}: ${s.orders.total} in all`}>
          <LineChart data={ordersSeries}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" minTickGap={24} />
            <YAxis allowDecimals={false} width={32} />
            <Tooltip />
            <Line type="monotone" dataKey="orders" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          </LineChart>
        </Chart>
      </Card>

      <Card title="Revenue" testId="card-revenue">
        {s.revenue.total.length === 0 ? <Figure label="paid orders" value={formatMinorUnits(0, mainCurrency)} testId="revenue-total" /> : null}
        {s.revenue.total.map((m) => (
          <Figure key={m.currency} label={`paid, ${m.currency}`} value={formatMinorUnits(m.amount, m.currency)} testId={`revenue-${m.currency}`} />
        ))}
        {/* Refunds and cancelled paid orders in the window: paid less this is what the shop kept. */}
        {s.revenue.refunded.map((m) => (
          <Figure key={`refunded-${m.currency}`} label={`refunded, ${m.currency}`} value={formatMinorUnits(m.amount, m.currency)} testId={`refunded-${m.currency}`} />
        ))}
        <Chart label={`Revenue in ${mainCurrency} per minute over the last ${s.window.name}`}>
          <BarChart data={revenueSeries}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" minTickGap={24} />
            <YAxis width={48} />
            <Tooltip />
            <Bar dataKey="revenue" fill="var(--good)" isAnimationActive={false} />
          </BarChart>
        </Chart>
      </Card>

      <Card title="Reservations per second" testId="card-reservations">
        <Figure label="now (10 s average)" value={s.reservations.current.toFixed(1)} testId="reservations-current" />
        <Figure label={`in the last ${s.window.name}`} value={s.reservations.total} testId="reservations-total" />
        <Chart label={`Reservations per second over the last minute, now ${s.reservations.current.toFixed(1)} per second`}>
          <LineChart data={reservationSeries}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" minTickGap={32} />
            <YAxis allowDecimals={false} width={32} />
            <Tooltip />
            <Line type="monotone" dataKey="reservations" stroke="var(--warn)" dot={false} isAnimationActive={false} />
          </LineChart>
        </Chart>
      </Card>

      <Card title="Checkout funnel" testId="card-funnel">
        <ol className={styles.funnel}>
          {funnel.map((f) => (
            <li key={f.step}>
              <span>{f.step}</span> <strong data-testid={`funnel-${f.step.toLowerCase().replace(' ', '-')}`}>{f.count}</strong>
            </li>
          ))}
        </ol>
        <Chart label={`Funnel: ${s.funnel.held} held, ${s.funnel.checkedOut} checked out, ${s.funnel.paid} paid`}>
          <BarChart data={funnel} layout="vertical">
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="step" width={90} />
            <Tooltip />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </Chart>
      </Card>

      <Card title="Refusals by reason" testId="card-refusals">
        <dl className={styles.list}>
          {Object.entries(s.refusals).map(([reason, count]) => (
            <div key={reason}>
              <dt>{REFUSALS[reason] ?? reason}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card title="Sold-out SKUs" testId="card-sold-out">
        {s.soldOutSkus.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className={styles.plain}>
            {s.soldOutSkus.slice(0, 12).map((x) => (
              <li key={x.sku}>
                <code>{x.sku}</code> <span className="muted">since {formatTime(x.since)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Saga failures and dead letters" testId="card-failures">
        <Figure label="checkouts compensated" value={s.sagas.failedTotal} testId="sagas-failed" />
        <Figure label="dead sagas" value={s.sagas.dead} testId="sagas-dead" />
        <Figure label="dead letters" value={s.deadLettersTotal} testId="dead-letters" />
        {s.sagas.failed.length > 0 ? (
          <ul className={styles.plain}>
            {s.sagas.failed.map((f) => (
              <li key={f.reason}>
                {f.reason}: {f.count}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <Card title="Services and circuit breakers" testId="card-services">
        <table className={styles.table}>
          <caption className="visually-hidden">Readiness of each service</caption>
          <tbody>
            {s.services.map((svc) => (
              <tr key={svc.name}>
                <th scope="row">{svc.name}</th>
                <td className={svc.status === 'up' ? styles.up : styles.down}>{svc.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {s.breakers.length > 0 ? (
          <p className="muted">
            Breakers: {s.breakers.map((b) => `${b.upstream} ${b.state}`).join(', ')}
          </p>
        ) : (
          <p className="muted">Breakers: the gateway's metrics cannot be read.</p>
        )}
      </Card>
    </div>
  );
}

function Card({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <section className={`card ${styles.card}`} aria-label={title} data-testid={testId}>
      <h2 className={styles.cardTitle}>{title}</h2>
      {children}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <p className={styles.figure}>
      <strong data-testid={testId}>{value}</strong> <span className="muted">{label}</span>
    </p>
  );
}

/** A chart with its text alternative: the figures it shows are also said in words. */
function Chart({ label, children }: { label: string; children: React.ReactElement }) {
  return (
    <figure className={styles.chart} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={140}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
