import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { loadCart, loadCartById } from '../../lib/cart-access';
import { checkoutHrefOf, checkoutModeFrom } from '../../lib/checkout-mode';
import { shopperSession } from '../../lib/gateway';
import { formatMoney } from '@shop/ui';
import { couponOf, quoteForCart, saleLimitsFor, type PricedCart } from '../../lib/pricing';
import { UNAVAILABLE_LINE_TEXT, checkoutHold, stockProblemText, stockProblems } from '../../lib/cart-stock';
import { checkoutSummaryLines } from '../../lib/checkout-lines';
import { stockLevelsFor } from '../../lib/stock-levels';
import { QuoteSummary, summaryListsCoupon } from '../../components/quote-summary';
import { CouponForm, RemoveCouponButton } from '../cart/coupon-form';
import { CheckoutForm } from './checkout-form';
import { MergeNotice } from '../cart/merge-notice';
import { cookies } from 'next/headers';
import { MERGE_NOTICE_COOKIE, decodeMergeNotices, mergeNoticeText } from '../../lib/merge-notices';
import { checkoutAddressBook } from '../../lib/checkout-address-book';
import styles from './checkout.module.css';
import { PageNotice } from '../../components/page-notice';

export const metadata: Metadata = { title: 'Checkout' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Where a shopper fixes what holds checkout up: their cart, or for a Buy now the sale it came from. */
interface BackLink {
  href: string;
  label: string;
}

export default async function CheckoutPage({ searchParams }: Props) {
  const session = await shopperSession();
  // `?hold=` a sale page's hold to take over; with `&buy=` its Buy now cart: that unit alone is checked out.
  const mode = checkoutModeFrom(await searchParams);
  const { hold, buyNow } = mode;
  // A guest checks out with an email; a sale page's hold (and its Buy now cart) belongs to an account, so it needs sign-in.
  if (!session.signedIn && (hold || buyNow)) redirect(`/account/login?next=${encodeURIComponent(checkoutHrefOf(mode))}`);
  const back: BackLink = buyNow
    ? buyNow.saleId
      ? { href: `/sales/${buyNow.saleId}`, label: 'Back to the sale' }
      : { href: '/', label: 'Back to the shop' }
    : { href: '/cart', label: 'Review your cart' };
  // A Buy now checks out its own cart, so the shopper's cart is neither shown nor ordered nor emptied.
  const load = buyNow ? await loadCartById(buyNow.cartId) : await loadCart();
  if (!load.ok) {
    return <PageNotice title="Checkout">{buyNow ? 'This item' : 'Your cart'} cannot be loaded right now. Please try again in a moment.</PageNotice>;
  }
  const cart: PricedCart | null = load.cart;
  if (buyNow && (!cart || cart.lines.length === 0)) {
    // Ordered already (its order took the unit out), expired, or not this shopper's.
    return (
      <PageNotice title="Checkout" tone="info">
        This Buy now is over: it was ordered already or its time ran out. Your cart is as you left it.{' '}
        <Link href={back.href} data-testid="buy-now-back">
          {back.label} →
        </Link>
      </PageNotice>
    );
  }
  if (!cart || cart.lines.length === 0) {
    return (
      <PageNotice title="Checkout" tone="info">
        Your cart is empty. <Link href="/">Find something you like →</Link>
      </PageNotice>
    );
  }
  // The quote the shopper sees is the quote the checkout sends: the order is charged exactly this.
  // The lines' public stock is read with it: an order the inventory cannot fill is cancelled after
  // "Place order", so checkout is held (as the cart holds it) until the cart is fixed.
  const [quote, stock] = await Promise.all([quoteForCart(cart), stockLevelsFor(cart.lines.filter((l) => l.status !== 'unavailable').map((l) => l.sku))]);
  // A line no longer sold keeps its quantity, is marked, and is in no total (the quote leaves it out).
  const summaryLines = checkoutSummaryLines(cart.lines, quote?.lines);
  const saleLimits = await saleLimitsFor(quote);
  // A sale page's hold already took its units out of the public count: its sale lines (every line,
  // when there is no quote to say which) are not judged by that count.
  const heldByShopper = hold ? new Set((quote ? quote.lines.filter((l) => l.flashSaleId !== undefined) : cart.lines).map((l) => l.sku)) : undefined;
  const problems = stockProblems(cart.lines, stock, heldByShopper);
  const held = checkoutHold(cart.lines, problems, saleLimits);
  // A signed-in shopper's saved addresses: the form fills in the default and offers the others.
  const addressBook = held ? null : await checkoutAddressBook(session);
  const minutesLeft = hold?.until ? Math.max(0, Math.round((hold.until - Date.now()) / 60_000)) : null;
  // The cart's coupon, applied or saying why it is not taken off (the totals below are without it then).
  const coupon = couponOf(cart, quote);
  // Signing in (on the way here) merged the guest cart, and some of it did not fit: said once. Not for a Buy now, which is not that cart.
  const mergeNotices = buyNow ? [] : decodeMergeNotices((await cookies()).get(MERGE_NOTICE_COOKIE)?.value).map(mergeNoticeText);
  // Applied, it is one row of the summary (with its Remove button), named once.
  const couponInSummary = coupon?.status === 'applied' && summaryListsCoupon(quote, coupon.code);
  return (
    <div className="container page">
      <h1>Checkout</h1>
      {mergeNotices.length > 0 && <MergeNotice texts={mergeNotices} />}
      {buyNow && (
        <p className="notice notice-info" data-testid="buy-now-notice">
          <strong>Buy now:</strong> this order is just {hold ? 'the unit held for you' : 'this item'}. Your cart isn’t part of it and stays as it is.{' '}
          <Link href={back.href} data-testid="buy-now-back">
            ← {back.label}
          </Link>
        </p>
      )}
      {hold && (
        <p className="notice notice-good" data-testid="hold-notice">
          Your flash-sale unit is held for you
          {minutesLeft !== null && (minutesLeft > 0 ? ` for about ${minutesLeft} more minute${minutesLeft === 1 ? '' : 's'}` : ' for a few moments more')}. Place your order to buy
          it at the sale price; if you don’t, it goes back to the sale.
        </p>
      )}
      <div className={styles.layout}>
        <div>
          {held ? (
            <p className="notice notice-warn" data-testid="checkout-held">
              {buyNow ? (
                <>
                  {held === 'unavailable' ? 'This item is no longer available.' : held === 'stock' ? 'This item has sold out.' : 'This item is over its limit per customer.'}{' '}
                  <Link href={back.href}>{back.label}</Link>
                </>
              ) : (
                <>
                  {held === 'unavailable'
                    ? 'Some items are no longer available.'
                    : held === 'stock'
                      ? 'Some items are sold out or have fewer left than in your cart.'
                      : 'A sale item is over its limit per customer.'}{' '}
                  <Link href="/cart">Review your cart</Link> before checking out.
                </>
              )}
            </p>
          ) : (
            <CheckoutForm
              guest={!session.signedIn}
              addressBook={addressBook}
              email={session.email}
              cartId={cart.id}
              quote={quote}
              holdId={hold?.id ?? null}
              back={back}
              returnTo={checkoutHrefOf(mode)}
              titles={Object.fromEntries(cart.lines.map((l) => [l.sku, l.productTitle]))}
            />
          )}
        </div>
        <aside className={`card ${styles.summary}`} aria-labelledby="order-summary">
          <h2 id="order-summary">Your order</h2>
          <ul className={styles.lines}>
            {summaryLines.map((line) => {
              const problem = problems.get(line.sku);
              return (
                <li key={line.sku} data-testid="checkout-line" className={line.unavailable ? styles.lineUnavailable : undefined}>
                  <span>
                    <span data-testid="checkout-line-quantity">{line.quantity} ×</span> {line.productTitle}
                    <span className="muted"> · {line.title}</span>
                    {line.unavailable && (
                      <span className={`field-error ${styles.lineProblem}`} data-testid="line-unavailable">
                        {UNAVAILABLE_LINE_TEXT}
                      </span>
                    )}
                    {problem && (
                      <span className={`field-error ${styles.lineProblem}`} data-testid="stock-problem">
                        {stockProblemText(problem)}
                      </span>
                    )}
                  </span>
                  {/* Before discounts, as the subtotal below adds them up: the discounts are listed under it. A line no longer sold is in no total. */}
                  <span data-testid="checkout-line-total">{line.total ? formatMoney(line.total) : '—'}</span>
                </li>
              );
            })}
          </ul>
          {coupon && !couponInSummary && <CouponForm coupon={coupon} />}
          {quote ? (
            <QuoteSummary
              quote={quote}
              subtotalTestId="checkout-subtotal"
              couponAction={couponInSummary && coupon ? <RemoveCouponButton code={coupon.code} /> : undefined}
            />
          ) : (
            <>
              <p className={styles.total}>
                <span>Subtotal</span>
                <span data-testid="checkout-subtotal">{formatMoney(cart.totals.subtotal)}</span>
              </p>
              <p className="muted" style={{ fontSize: '0.85rem', margin: 0 }}>
                Shipping is added to the order by the shop.
              </p>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
