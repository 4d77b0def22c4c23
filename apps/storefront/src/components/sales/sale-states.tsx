'use client';

import type { FlashSaleAnswer } from '@shop/contracts';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { SalePhase } from '../../lib/server-clock';
import styles from './sales.module.css';

/** What the sale page offers in each phase: the buy button, sign-in first, sold out, ended. */
export function BuyArea({ phase, sale, signedIn, loginHref, busy, onBuy }: { phase: SalePhase; sale: FlashSaleAnswer; signedIn: boolean; loginHref: string; busy: boolean; onBuy: () => void }) {
  if (phase === 'sold_out') {
    return (
      <div className={styles.state} data-testid="sold-out" role="status">
        <h2>Sold out</h2>
        <p>All {sale.unitsTotal} units at this price are taken. A unit someone holds but does not buy comes back to the sale; this page keeps watching and shows it if it does.</p>
      </div>
    );
  }
  if (phase === 'ended' || phase === 'cancelled') {
    return (
      <div className={styles.state} data-testid="sale-ended" role="status">
        <h2>{phase === 'ended' ? 'This sale has ended' : 'This sale was cancelled'}</h2>
        <p>
          The sale price no longer applies. <Link href={`/p/${sale.productSlug}?sku=${encodeURIComponent(sale.sku)}`}>See the product at its regular price →</Link>
        </p>
      </div>
    );
  }
  if (!signedIn) {
    return (
      <div>
        <Link href={loginHref} className="btn btn-primary btn-block">
          Sign in to buy
        </Link>
        <p className="muted">Holding a unit needs an account; you come straight back here.</p>
      </div>
    );
  }
  const upcoming = phase === 'upcoming';
  return (
    <div>
      <button type="button" className="btn btn-primary btn-block" onClick={onBuy} disabled={upcoming || busy} aria-describedby="buy-hint">
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> Holding your unit…
          </>
        ) : upcoming ? (
          'Opens when the countdown ends'
        ) : (
          'Buy now'
        )}
      </button>
      <p className="muted" id="buy-hint">
        {upcoming ? 'The button comes alive at the start, on the shop’s clock.' : 'Buy now holds one unit for you at once; you then have a few minutes to check out just this item. Your cart stays as it is.'}
      </p>
    </div>
  );
}

/** The shopper's live Buy now holds of a sale, as the sale page shows them. */
export interface HeldUnitsView {
  units: number;
  /** When the first of them ends (ISO). */
  until: string;
  /** That hold's checkout (its Buy now cart alone). */
  checkoutHref: string;
}

/**
 * Instead of "Buy now" while the shopper already holds units of the sale: how many, for how long,
 * the way on to their checkout, and — only while under the per-customer limit — a button that
 * says it holds one more. A second press of "Buy now" never holds another unit unannounced.
 */
export function HeldUnits({ held, limit, nowMs, busy, onHoldAnother }: { held: HeldUnitsView; limit: number; nowMs: number; busy: boolean; onHoldAnother: () => void }) {
  const minutes = Math.max(1, Math.ceil((Date.parse(held.until) - nowMs) / 60_000));
  const units = held.units === 1 ? '1 unit' : `${held.units} units`;
  return (
    <div className={styles.state} data-testid="held-units" role="status">
      <h2>You’re holding {units} of this sale</h2>
      <p>
        {held.units === 1 ? 'It is' : 'The first is'} held for you for about {minutes === 1 ? '1 more minute' : `${minutes} more minutes`}: check out before then to buy it at the
        sale price. Limit: {limit} per customer.
      </p>
      <Link href={held.checkoutHref} className="btn btn-primary btn-block">
        Continue to checkout
      </Link>
      {held.units < limit && (
        <button type="button" className="btn btn-secondary btn-block" onClick={onHoldAnother} disabled={busy}>
          {busy ? 'Holding another unit…' : `Hold another unit (${held.units} of ${limit} held)`}
        </button>
      )}
    </div>
  );
}

/**
 * The queue screen. It says only what is true: the shop is busy, the page tries again on its own
 * when the shop said to, and refreshing does not help. There is no queue position to show (the
 * platform gives none), so none is made up.
 */
export function WaitingRoom({ retryAt, reason, onLeave }: { retryAt: number | null; reason: 'page' | 'hold'; onLeave?: () => void }) {
  const [deviceNow, setDeviceNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setDeviceNow(Date.now());
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = retryAt !== null && deviceNow !== null ? Math.max(0, Math.ceil((retryAt - deviceNow) / 1000)) : null;
  return (
    <section className={styles.queue} data-testid="waiting-room" aria-labelledby="queue-heading">
      <div className={styles.queueDots} aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h2 id="queue-heading">You’re in the waiting room</h2>
      <p role="status">
        So many shoppers are here right now that the shop asked us to wait a moment. <strong>You will be let in automatically; don’t refresh</strong> — refreshing does
        not move you forward.
      </p>
      <p className="muted" data-testid="waiting-next-try">
        {seconds === null || seconds === 0 ? 'Trying again now…' : `Next try in ${seconds} s.`}
        {reason === 'hold' && ' When you are let in, a unit is held for you and you go on to checkout.'}
      </p>
      {onLeave && (
        <button type="button" className="btn btn-secondary" onClick={onLeave}>
          Leave the waiting room
        </button>
      )}
    </section>
  );
}
