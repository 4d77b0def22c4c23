'use client';

import type { FlashSaleAnswer, Reservation } from '@shop/contracts';
import { FailureCode } from '@shop/contracts/failure';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { NotifyMeButton } from '../../../components/notify-me-button';
import { PriceTag } from '../../../components/price-tag';
import { ProductImage } from '../../../components/product-image';
import { Countdown } from '../../../components/sales/countdown';
import { RemainingUnits } from '../../../components/sales/remaining-units';
import { phaseLabel } from '../../../components/sales/sale-card';
import { BuyArea, HeldUnits, WaitingRoom, type HeldUnitsView } from '../../../components/sales/sale-states';
import styles from '../../../components/sales/sales.module.css';
import { useServerNow } from '../../../components/sales/use-server-now';
import { checkoutHref, type BuyNowHold } from '../../../lib/buy-now';
import type { ErrorAnswer } from '../../../lib/cart-errors';
import { holdErrorMessage } from '../../../lib/pricing-messages';
import { clockOffsetMs, salePhase, type SalePhase } from '../../../lib/server-clock';
import { isShedAnswer, retryAfterOf, retryDelayMs } from '../../../lib/waiting-room';

/** Live figures every 1.5 s while the sale runs (plus jitter, so pages opened together drift apart). */
const LIVE_POLL_MS = 1_500;
/** Before the start (the countdown runs on the measured clock offset) and when sold out. */
const CALM_POLL_MS = 5_000;

type Buy =
  | { state: 'idle' }
  | { state: 'holding' }
  /** Shed (429/503 + Retry-After): the waiting room, trying again on its own at `retryAt` (device clock). */
  | { state: 'waiting'; retryAt: number; attempt: number; another: boolean }
  | { state: 'held'; reservation: Reservation }
  | { state: 'refused'; message: string }
  | { state: 'error'; message: string };

function nextPollMs(sale: FlashSaleAnswer, serverNow: number): number | null {
  const phase = salePhase(sale, serverNow);
  if (phase === 'ended' || phase === 'cancelled') return null;
  if (phase === 'upcoming') return Math.min(CALM_POLL_MS, Math.max(250, Date.parse(sale.startsAt) - serverNow));
  if (phase === 'sold_out') return CALM_POLL_MS;
  return LIVE_POLL_MS + Math.round(Math.random() * 500);
}

/**
 * A flash sale's page, live: the countdown on the server's clock, the units left (polled), the
 * per-customer limit, and a buy button that holds a unit at once and goes on to checkout of that
 * unit alone (a Buy now cart of its own: the shopper's cart is not part of the order). When the
 * platform sheds load the shopper waits in the waiting room, which tries again on its own after
 * the server's Retry-After; the hold keeps its Idempotency-Key across tries, so being let in late
 * never holds twice.
 */
export function SaleRoom({
  saleId,
  initial,
  initialRetryAfter,
  signedIn,
  held: initialHeld = null,
}: {
  saleId: string;
  initial: FlashSaleAnswer | null;
  initialRetryAfter: number | null;
  signedIn: boolean;
  /** The shopper's Buy now holds of this sale still live (from the server), else null. */
  held?: HeldUnitsView | null;
}) {
  const router = useRouter();
  const [sale, setSale] = useState<FlashSaleAnswer | null>(initial);
  const [offsetMs, setOffsetMs] = useState<number | null>(null);
  /** The sale's own API shed load: when the next try is (device clock). */
  const [feedRetryAt, setFeedRetryAt] = useState<number | null>(null);
  const [buy, setBuy] = useState<Buy>({ state: 'idle' });
  const [held, setHeld] = useState<HeldUnitsView | null>(initialHeld);
  const holdKey = useRef('');
  const now = useServerNow(sale?.serverTime ?? null, offsetMs);

  // The live feed: one poll at a time, rescheduled by what the last answer said.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const schedule = (ms: number | null) => {
      if (!stopped && ms !== null) timer = setTimeout(() => void poll(), ms);
    };
    async function poll() {
      const sentAt = Date.now();
      try {
        const response = await fetch(`/api/flash-sales/${encodeURIComponent(saleId)}`, { cache: 'no-store' });
        const receivedAt = Date.now();
        if (stopped) return;
        if (response.ok) {
          const next = (await response.json()) as FlashSaleAnswer;
          const offset = clockOffsetMs(next.serverTime, sentAt, receivedAt);
          failures = 0;
          setSale(next);
          setOffsetMs(offset);
          setFeedRetryAt(null);
          schedule(nextPollMs(next, Date.now() + offset));
          return;
        }
        const retryAfter = response.headers.get('retry-after');
        const delay = retryDelayMs(retryAfterOf(retryAfter), failures++);
        if (isShedAnswer(response.status, retryAfter)) setFeedRetryAt(Date.now() + delay);
        schedule(delay);
      } catch {
        if (!stopped) schedule(retryDelayMs(null, failures++));
      }
    }
    schedule(initialRetryAfter !== null ? retryDelayMs(initialRetryAfter, 0) : 0);
    if (initialRetryAfter !== null) setFeedRetryAt(Date.now() + initialRetryAfter * 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [saleId, initialRetryAfter]);

  const hold = useCallback(
    /** `another`: the shopper asked for one more unit than they hold (else a live hold's checkout is answered). */
    async (attempt: number, another: boolean) => {
      if (!sale) return;
      // One key per purchase attempt, kept across the waiting room's tries and network errors.
      if (!holdKey.current) holdKey.current = crypto.randomUUID();
      setBuy({ state: 'holding' });
      try {
        const response = await fetch('/api/sales/hold', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sku: sale.sku, idempotencyKey: holdKey.current, ...(another ? { another: true } : {}) }),
        });
        if (response.ok) {
          const hold = (await response.json()) as BuyNowHold;
          // This purchase is done: a later press is a new one (with a new key).
          holdKey.current = '';
          const href = checkoutHref({ holdId: hold.reservationId, until: hold.expiresAt, cartId: hold.buyNowCartId, saleId });
          setHeld({ units: hold.heldUnits ?? 1, until: hold.expiresAt, checkoutHref: href });
          setBuy({ state: 'held', reservation: hold });
          // Checkout of the held unit alone (its own cart), with the way back to this sale; a hold
          // still live (a second press) goes to its checkout and holds nothing more.
          router.push(href);
          return;
        }
        if (response.status === 401) {
          router.push(`/account/login?next=${encodeURIComponent(`/sales/${saleId}`)}`);
          return;
        }
        const retryAfter = response.headers.get('retry-after');
        if (isShedAnswer(response.status, retryAfter)) {
          setBuy({ state: 'waiting', retryAt: Date.now() + retryDelayMs(retryAfterOf(retryAfter), attempt), attempt: attempt + 1, another });
          return;
        }
        const body = (await response.json().catch(() => null)) as ErrorAnswer | null;
        // A refusal ends this attempt: the next press is a new purchase with a new key.
        if (response.status < 500) holdKey.current = '';
        if (body?.error?.code === FailureCode.OUT_OF_STOCK) setSale((s) => (s ? { ...s, status: 'sold_out', unitsRemaining: 0 } : s));
        setBuy({ state: response.status < 500 ? 'refused' : 'error', message: holdErrorMessage(response.status, body, sale.perCustomerLimit) });
      } catch {
        setBuy({ state: 'error', message: 'The shop cannot be reached. Nothing was held yet; you can safely try again.' });
      }
    },
    [sale, saleId, router],
  );

  // The waiting room lets the shopper in on its own: the next try at the time it said.
  useEffect(() => {
    if (buy.state !== 'waiting') return;
    const timer = setTimeout(() => void hold(buy.attempt, buy.another), Math.max(0, buy.retryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [buy, hold]);

  if (!sale) return <WaitingRoom retryAt={feedRetryAt} reason="page" />;

  const phase: SalePhase = salePhase(sale, now);
  const startsAt = Date.parse(sale.startsAt);
  const endsAt = Date.parse(sale.endsAt);
  const loginHref = `/account/login?next=${encodeURIComponent(`/sales/${saleId}`)}`;
  // Held units count until the first of them ends (the server's clock); then "Buy now" again.
  const heldLive = held && Date.parse(held.until) > now ? held : null;

  return (
    <div className={styles.room} data-testid="sale-room" data-phase={phase}>
      <div className={styles.roomMedia}>
        <ProductImage src={sale.image ?? undefined} alt={sale.title} priority />
      </div>
      <div className={styles.roomPanel}>
        <p className={`badge ${phase === 'live' ? 'badge-bad' : phase === 'upcoming' ? 'badge-waiting' : ''}`} data-testid="sale-phase">
          Flash sale · {phaseLabel(phase)}
        </p>
        <h1>{sale.title}</h1>
        <PriceTag now={sale.salePrice} was={sale.listPrice} showPercent className={styles.bigPrice} testId="sale-price" />

        <div className={styles.bigClock}>
          {phase === 'upcoming' && <Countdown label="Starts in" targetMs={startsAt} nowMs={now} />}
          {(phase === 'live' || phase === 'sold_out') && <Countdown label="Ends in" targetMs={endsAt} nowMs={now} />}
        </div>

        <RemainingUnits remaining={phase === 'upcoming' ? sale.unitsTotal : sale.unitsRemaining} total={sale.unitsTotal} upcoming={phase === 'upcoming'} live={phase !== 'upcoming'} />

        {phase === 'upcoming' && (
          <NotifyMeButton
            signedIn={signedIn}
            returnTo={`/sales/${saleId}`}
            endpoint="/api/sales/remind"
            body={{ flashSaleId: saleId }}
            label="Remind me when it starts"
            doneText="We will email you when the sale starts."
            testId="sale-remind-me"
          />
        )}

        <p className={styles.limit} data-testid="sale-limit">
          <strong>Limit: {sale.perCustomerLimit} per customer.</strong> The shop enforces it when it holds your unit and again at checkout, counting your
          account, your shipping address and your card — so extra accounts or tabs do not get around it.
        </p>

        {feedRetryAt !== null && (
          <p className="notice notice-info" role="status">
            The shop is very busy; the figures above may be a few seconds old. They update again on their own.
          </p>
        )}

        {buy.state === 'waiting' ? (
          <WaitingRoom retryAt={buy.retryAt} reason="hold" onLeave={() => setBuy({ state: 'idle' })} />
        ) : signedIn && heldLive && (phase === 'live' || phase === 'sold_out') ? (
          <HeldUnits held={heldLive} limit={sale.perCustomerLimit} nowMs={now} busy={buy.state === 'holding' || buy.state === 'held'} onHoldAnother={() => void hold(0, true)} />
        ) : (
          <BuyArea
            phase={phase}
            sale={sale}
            signedIn={signedIn}
            loginHref={loginHref}
            busy={buy.state === 'holding' || buy.state === 'held'}
            onBuy={() => void hold(0, false)}
          />
        )}

        <div aria-live="assertive">
          {(buy.state === 'refused' || buy.state === 'error') && (
            <p className={`notice ${buy.state === 'refused' ? 'notice-warn' : 'notice-error'}`} role="alert" data-testid="hold-message">
              {buy.message}
            </p>
          )}
        </div>

        <p className="muted">
          <Link href={`/p/${sale.productSlug}?sku=${encodeURIComponent(sale.sku)}`}>About this product →</Link>
        </p>
      </div>
    </div>
  );
}
