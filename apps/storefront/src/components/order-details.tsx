import type { Order, ShippingAddress } from '@shop/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PaymentStage } from '../lib/order-payment';
import { STATUS_LABEL, cancelPaymentText, describeCancelReason, isPaymentRefusal } from '../lib/order-status';
import { CheckIcon } from './icons';
import { OrderLinesTable } from './order-lines-table';
import styles from './order-details.module.css';

/**
 * An order as its shopper reads it — the signed-in account's order page and a guest's lookup show
 * the same: what happened to it (the headline), its items and totals, where it ships, and its
 * history. Renders on the server and in the browser alike (no state).
 */

const dateFormat = new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const regionNames = new Intl.DisplayNames('en', { type: 'region' });

export function formatOrderDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Where the order stands, in a sentence. `justPlaced`: the shopper came from the checkout (thanked
 * once); `retry`: where to try another card after a declined payment; `payment`: how far the
 * payment had gone (from the checkout, when the page could read it), so a cancelled order says
 * whether the money is refunded or the hold on the card released.
 */
export function OrderHeadline({
  order,
  payment = 'unknown',
  retry = null,
  justPlaced = false,
}: {
  order: Order;
  payment?: PaymentStage;
  retry?: { href: string; label: string } | null;
  justPlaced?: boolean;
}) {
  const money = cancelPaymentText(order, payment);
  switch (order.status) {
    case 'PENDING':
    case 'AWAITING_PAYMENT':
      return (
        <p className={`notice notice-info ${styles.headline}`} role="status">
          <span className="spinner" aria-hidden="true" /> We’re confirming your payment and reserving your items…
        </p>
      );
    case 'CONFIRMED':
      return (
        <p className={`notice notice-good ${styles.headline}`} role="status">
          <CheckIcon /> {justPlaced ? 'Thank you! ' : ''}Your order is confirmed.
          {order.refunds.length > 0 && ' Part of it was refunded; the refunds are listed below.'}
        </p>
      );
    case 'FULFILLED':
      return <p className={`notice notice-good ${styles.headline}`}>Your order is on its way.</p>;
    case 'CANCELLED':
      return (
        <div className={`notice notice-error ${styles.headline}`} role="status">
          <strong>This order was cancelled.</strong>
          {order.cancelReason && <span data-testid="cancel-reason"> {describeCancelReason(order.cancelReason)}</span>}
          {money && <p data-testid="cancel-payment">{money}</p>}
          {retry && isPaymentRefusal(order.cancelReason) && (
            <p data-testid="payment-retry">
              To try again with another card: <Link href={retry.href}>{retry.label} →</Link>
            </p>
          )}
        </div>
      );
    case 'REFUNDED':
      return <p className={`notice ${styles.headline}`}>This order was refunded.</p>;
  }
}

export function OrderShippingAddress({ address }: { address: ShippingAddress }) {
  return (
    <address className={styles.address} data-testid="shipping-address">
      {address.name}
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {address.postalCode} {address.city}
      {address.region && `, ${address.region}`}
      <br />
      {countryName(address.country)}
    </address>
  );
}

/** Who made a change, when it was the shopper or the shop (the checkout's own steps need no name). */
function actorText(actor: string): string | null {
  if (actor === 'customer') return 'by you';
  if (actor === 'admin') return 'by the shop';
  return null;
}

export function OrderHistory({ history }: { history: Order['history'] }) {
  return (
    <ol className={styles.history} data-testid="order-history">
      {history.map((h, i) => (
        <li key={i}>
          <strong>{STATUS_LABEL[h.to]}</strong>
          {actorText(h.actor) && <span> {actorText(h.actor)}</span>}
          <span className="muted"> · {formatOrderDate(h.at)}</span>
          {h.reason && <div className="muted">{describeCancelReason(h.reason)}</div>}
        </li>
      ))}
    </ol>
  );
}

/** Items and totals beside where it ships and its history; `actions` go under the history (a cancel). */
export function OrderDetails({ order, actions }: { order: Order; actions?: ReactNode }) {
  return (
    <div className={styles.orderLayout}>
      <section className={`card ${styles.panel}`} aria-labelledby="items-heading">
        <h2 id="items-heading">Items</h2>
        <OrderLinesTable order={order} />
      </section>
      <div className={styles.side}>
        <section className={`card ${styles.panel}`} aria-labelledby="ship-heading">
          <h2 id="ship-heading">Shipping to</h2>
          <OrderShippingAddress address={order.shippingAddress} />
        </section>
        <section className={`card ${styles.panel}`} aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <OrderHistory history={order.history} />
        </section>
        {actions}
      </div>
    </div>
  );
}
