import type { Order } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { shopperApi, shopperSession } from '../../../../lib/gateway';
import { loadCart } from '../../../../lib/cart-access';
import { STATUS_LABEL, cancelRefundText, cartAwaitsClearing, describeCancelReason, isPaymentRefusal, isSettled, retryLink } from '../../../../lib/order-status';
import { CheckIcon } from '../../../../components/icons';
import { StatusBadge } from '../../status-badge';
import { StatusPoller } from '../../../../components/status-poller';
import styles from '../../account.module.css';
import { Breadcrumbs } from '../../../../components/breadcrumbs';
import { OrderLinesTable } from '../../../../components/order-lines-table';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: /^SO-\d+$/.test(id) ? `Order ${id}` : 'Your order' };
}

const dateFormat = new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const regionNames = new Intl.DisplayNames('en', { type: 'region' });

function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `justPlaced`: the shopper came here from the checkout (`?placed=1`); an order opened later from the history is not thanked for again. */
function Headline({ order, retry, justPlaced }: { order: Order; retry: { href: string; label: string } | null; justPlaced: boolean }) {
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
          {cancelRefundText(order) && <p data-testid="cancel-refund">{cancelRefundText(order)}</p>}
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

/**
 * Right after checkout the saga takes the bought items out of the cart a moment after it confirms
 * the order: the page keeps refreshing until then, so the header's count drops (the same cart read
 * as the header's, once per request).
 */
async function placedOrderStillInCart(order: Order): Promise<boolean> {
  const cart = await loadCart().catch(() => null);
  return cartAwaitsClearing(order, cart?.ok ? cart.cart : null);
}

export default async function OrderPage({ params, searchParams }: Props) {
  const session = await shopperSession();
  const { id } = await params;
  const query = await searchParams;
  const justPlaced = query.placed === '1';
  if (!session.accessToken) redirect(`/account/login?next=/account/orders/${encodeURIComponent(id)}`);
  let order: Order;
  try {
    order = await (await shopperApi()).getOrder(id);
  } catch (err) {
    if (isApiError(err) && (err.status === 404 || err.status === 400)) notFound();
    if (isApiError(err) && err.status === 401) redirect(`/account/login?next=/account/orders/${encodeURIComponent(id)}`);
    return (
      <div className="container page">
        <h1>Your order</h1>
        <p className="notice notice-warn" role="alert">
          This order cannot be loaded right now. Please refresh in a moment.
        </p>
      </div>
    );
  }

  return (
    <div className="container page">
      <Breadcrumbs trail={[{ href: '/account', label: 'Account' }]} current={`Order ${order.number}`} />
      <div className={styles.orderHead}>
        <h1>Order {order.number}</h1>
        <StatusBadge status={order.status} />
      </div>
      <p className="muted">Placed {dateFormat.format(new Date(order.createdAt))} UTC</p>
      <Headline order={order} retry={justPlaced ? retryLink(query.back) : null} justPlaced={justPlaced} />
      {(!isSettled(order.status) || (justPlaced && (await placedOrderStillInCart(order)))) && <StatusPoller />}

      <div className={styles.orderLayout}>
        <section className={`card ${styles.panel}`} aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <OrderLinesTable order={order} />
        </section>
        <div className={styles.side}>
          <section className={`card ${styles.panel}`} aria-labelledby="ship-heading">
            <h2 id="ship-heading">Shipping to</h2>
            <address className={styles.address}>
              {order.shippingAddress.name}
              <br />
              {order.shippingAddress.line1}
              {order.shippingAddress.line2 && (
                <>
                  <br />
                  {order.shippingAddress.line2}
                </>
              )}
              <br />
              {order.shippingAddress.postalCode} {order.shippingAddress.city}
              {order.shippingAddress.region && `, ${order.shippingAddress.region}`}
              <br />
              {countryName(order.shippingAddress.country)}
            </address>
          </section>
          <section className={`card ${styles.panel}`} aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <ol className={styles.history}>
              {order.history.map((h, i) => (
                <li key={i}>
                  <strong>{STATUS_LABEL[h.to]}</strong>
                  <span className="muted"> · {dateFormat.format(new Date(h.at))}</span>
                  {h.reason && <div className="muted">{describeCancelReason(h.reason)}</div>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}
