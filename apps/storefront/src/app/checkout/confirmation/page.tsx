import type { Order } from '@shop/contracts';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { CheckIcon } from '../../../components/icons';
import { OrderLinesTable } from '../../../components/order-lines-table';
import { StatusPoller } from '../../../components/status-poller';
import { loadCart } from '../../../lib/cart-access';
import { shopperApi } from '../../../lib/gateway';
import { cancelPaymentText, cancelledBeforeCharge, cartAwaitsClearing, describeCancelReason, isSettled } from '../../../lib/order-status';
import { PLACED_ORDER_COOKIE, placedOrderEmail } from '../../../lib/session-cookies';

export const metadata: Metadata = { title: 'Your order' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The order this browser just placed, read as Order lookup reads it: its number and the email
 * given at checkout, which the checkout left in an HttpOnly cookie. Another number (a guess, or a
 * link opened elsewhere) gets no order: `placedHere` is false. Null order: not readable right now.
 */
async function placedOrder(number: string): Promise<{ placedHere: boolean; order: Order | null }> {
  const email = placedOrderEmail((await cookies()).get(PLACED_ORDER_COOKIE)?.value, number);
  if (!email) return { placedHere: false, order: null };
  try {
    return { placedHere: true, order: await (await shopperApi()).lookupOrder(number, email) };
  } catch {
    return { placedHere: true, order: null };
  }
}

/** Still worth asking again: the saga has not settled, or it confirmed and has yet to empty the cart (the header's count). */
async function awaited(order: Order | null): Promise<boolean> {
  if (!order || !isSettled(order.status)) return true;
  const cart = await loadCart().catch(() => null);
  return cartAwaitsClearing(order, cart?.ok ? cart.cart : null);
}

function heading(order: Order | null): string {
  if (order && cancelledBeforeCharge(order)) return order.cancelReason === 'PAYMENT_DECLINED' ? 'Your payment was declined' : 'Your order could not be completed';
  if (order?.status === 'CANCELLED') return 'Your order was cancelled';
  return 'Thank you for your order';
}

/** Where the order stands, in the shopper's words; the page re-renders (StatusPoller) until it settles. */
function Outcome({ order }: { order: Order | null }) {
  if (!order || !isSettled(order.status)) {
    return (
      <p className="notice notice-info" role="status" data-testid="confirmation-status">
        <span className="spinner" aria-hidden="true" /> We’ve received your order and are confirming your payment now. This page updates by itself.
      </p>
    );
  }
  if (cancelledBeforeCharge(order)) {
    // The saga never reached the cart: it keeps its lines (a guest's as a customer's) for another try.
    return (
      <div className="notice notice-error" role="status" data-testid="confirmation-status">
        <strong>{order.cancelReason === 'PAYMENT_DECLINED' ? 'Your card was declined, so the order was cancelled.' : 'The order was cancelled.'}</strong>{' '}
        {order.cancelReason !== 'PAYMENT_DECLINED' && `${describeCancelReason(order.cancelReason) ?? ''} `}
        Nothing was charged, and your items are still in your cart. <Link href="/cart">Return to your cart</Link> to try again.
      </div>
    );
  }
  switch (order.status) {
    case 'CONFIRMED':
    case 'FULFILLED':
      return (
        <p className="notice notice-good" role="status" data-testid="confirmation-status">
          <CheckIcon /> Your order is confirmed.
        </p>
      );
    default:
      // Cancelled or refunded after it was confirmed (by the shop): what the history says. A guest
      // cannot read the checkout, so whether the payment was captured (refunded) or only held
      // (released) is not known here: the words say both.
      return (
        <p className="notice" role="status" data-testid="confirmation-status">
          {order.status === 'REFUNDED' ? 'This order was refunded.' : 'This order was cancelled.'} {describeCancelReason(order.cancelReason)} {cancelPaymentText(order, 'unknown')}
        </p>
      );
  }
}

/**
 * A guest's confirmation: there is no account to read the order in, so the page follows the order
 * this browser placed (see `placedOrder`) and names its number and how to look it up later
 * (number + the email given at checkout, never an id in a link).
 */
export default async function GuestConfirmationPage({ searchParams }: Props) {
  const raw = (await searchParams).number;
  const number = typeof raw === 'string' && /^SO-\d{6,10}$/.test(raw) ? raw : null;
  const { placedHere, order } = number ? await placedOrder(number) : { placedHere: false, order: null };
  return (
    <div className="container page">
      <h1>{placedHere ? heading(order) : 'Your order'}</h1>
      {placedHere && <Outcome order={order} />}
      {/* The lookup counts against the shopper's sign-in budget: fewer, slower asks than the account's order page. */}
      {placedHere && (await awaited(order)) && <StatusPoller intervalMs={1_500} backoff={1.5} giveUpAfterMs={60_000} />}
      {number ? (
        <p>
          Your order number is <strong data-testid="order-number">{number}</strong>. Keep it: to see your order and its status at any
          time, open <Link href={`/orders/lookup?number=${encodeURIComponent(number)}`}>Order lookup</Link> and enter this number with the
          email you gave at checkout.
        </p>
      ) : (
        <p>
          Use <Link href="/orders/lookup">Order lookup</Link> with your order number and the email you gave at checkout to see your order.
        </p>
      )}
      {order && (
        <section className="card" style={{ padding: '1rem', marginBottom: '1rem' }} aria-label="Your order">
          <OrderLinesTable order={order} />
        </section>
      )}
      <p className="muted">
        Want your orders in one place next time? <Link href="/account/register">Create an account</Link>.
      </p>
    </div>
  );
}
