import type { Order } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { shopperApi, shopperSession } from '../../../../lib/gateway';
import { loadCart } from '../../../../lib/cart-access';
import { cartAwaitsClearing, isSettled, retryLink } from '../../../../lib/order-status';
import { paymentStageMatters, paymentStageOf, type PaymentStage } from '../../../../lib/order-payment';
import { addressNotSavedText, addressSaveProblemOf } from '../../../../lib/saved-addresses';
import { StatusBadge } from '../../status-badge';
import { StatusPoller } from '../../../../components/status-poller';
import styles from '../../account.module.css';
import { Breadcrumbs } from '../../../../components/breadcrumbs';
import { OrderDetails, OrderHeadline, formatOrderDate } from '../../../../components/order-details';
import { CancelOrder } from './cancel-order';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: /^SO-\d+$/.test(id) ? `Order ${id}` : 'Your order' };
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

/**
 * Whether the order's payment was captured or only held (its checkout's steps), read only when the
 * page's words depend on it; `unknown` when the checkout cannot be read (the words then say both).
 */
async function paymentStage(order: Order): Promise<PaymentStage> {
  if (!paymentStageMatters(order)) return 'none';
  const checkout = await (await shopperApi()).getCheckout(order.checkoutId).catch(() => null);
  return paymentStageOf(checkout);
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

  const payment = await paymentStage(order);
  // Checkout could not save the address the shopper asked it to (the order stands): said once, under the headline.
  const addressProblem = justPlaced ? addressSaveProblemOf(query.address) : null;

  return (
    <div className="container page">
      <Breadcrumbs trail={[{ href: '/account', label: 'Account' }]} current={`Order ${order.number}`} />
      <div className={styles.orderHead}>
        <h1>Order {order.number}</h1>
        <StatusBadge status={order.status} />
      </div>
      <p className="muted">Placed {formatOrderDate(order.createdAt)} UTC</p>
      <OrderHeadline order={order} payment={payment} retry={justPlaced ? retryLink(query.back) : null} justPlaced={justPlaced} />
      {addressProblem && (
        <p className="notice notice-warn" role="status" data-testid="address-not-saved">
          {addressNotSavedText(addressProblem)} <Link href="/account">Your address book →</Link>
        </p>
      )}
      {(!isSettled(order.status) || (justPlaced && (await placedOrderStillInCart(order)))) && <StatusPoller />}

      <OrderDetails order={order} actions={<CancelOrder order={order} payment={payment} />} />
    </div>
  );
}
