import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { loadCart } from '../../lib/cart-access';
import { shopperSession } from '../../lib/gateway';
import { formatMoney } from '../../lib/money';
import { describeAttributes } from '../../lib/variant-selection';
import { CheckoutForm } from './checkout-form';
import styles from './checkout.module.css';
import { PageNotice } from '../../components/page-notice';

export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  const session = await shopperSession();
  if (!session.signedIn) redirect('/account/login?next=/checkout');
  const load = await loadCart();
  if (!load.ok) {
    return <PageNotice title="Checkout">Your cart cannot be loaded right now. Please try again in a moment.</PageNotice>;
  }
  const cart = load.cart;
  if (!cart || cart.lines.length === 0) {
    return (
      <PageNotice title="Checkout" tone="info">
        Your cart is empty. <Link href="/">Find something you like →</Link>
      </PageNotice>
    );
  }
  const blocked = cart.lines.some((l) => l.status === 'unavailable');
  return (
    <div className="container page">
      <h1>Checkout</h1>
      <div className={styles.layout}>
        <div>
          {blocked ? (
            <p className="notice notice-warn">
              Some items are no longer available. <Link href="/cart">Review your cart</Link> before checking out.
            </p>
          ) : (
            <CheckoutForm email={session.email} cartId={cart.id} />
          )}
        </div>
        <aside className={`card ${styles.summary}`} aria-labelledby="order-summary">
          <h2 id="order-summary">Your order</h2>
          <ul className={styles.lines}>
            {cart.lines.map((line) => (
              <li key={line.sku}>
                <span>
                  {line.quantity} × {line.productTitle}
                  <span className="muted"> · {describeAttributes(line.attributes)}</span>
                </span>
                <span>{formatMoney(line.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <p className={styles.total}>
            <span>Subtotal</span>
            <span data-testid="checkout-subtotal">{formatMoney(cart.totals.subtotal)}</span>
          </p>
          <p className="muted" style={{ fontSize: '0.85rem', margin: 0 }}>
            Shipping is added to the order by the shop.
          </p>
        </aside>
      </div>
    </div>
  );
}
