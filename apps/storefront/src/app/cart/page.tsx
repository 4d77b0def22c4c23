import type { Metadata } from 'next';
import Link from 'next/link';
import { CartIcon, LockIcon } from '../../components/icons';
import { ProductImage } from '../../components/product-image';
import { LineDiscounts, lineWithoutCoupon, QuoteSummary, summaryListsCoupon } from '../../components/quote-summary';
import { PriceTag } from '../../components/price-tag';
import { loadCart } from '../../lib/cart-access';
import { formatMoney } from '@shop/ui';
import { couponOf, quoteForCart, saleLimitsFor, type PricedCart } from '../../lib/pricing';
import { UNAVAILABLE_LINE_TEXT, checkoutHold, checkoutHoldText, knownAvailable, quantityCap, stockProblemText, stockProblems } from '../../lib/cart-stock';
import { stockLevelsFor } from '../../lib/stock-levels';
import { priceTag } from '../../lib/sale-prices';
import { CouponForm, RemoveCouponButton } from './coupon-form';
import { MergeNotice } from './merge-notice';
import { cookies } from 'next/headers';
import { MERGE_NOTICE_COOKIE, decodeMergeNotices, mergeNoticeText } from '../../lib/merge-notices';
import { describeAttributes } from '../../lib/variant-selection';
import { LineControls } from './line-controls';
import styles from './cart.module.css';
import { PageNotice } from '../../components/page-notice';

export const metadata: Metadata = { title: 'Your cart' };

export default async function CartPage() {
  const load = await loadCart();
  if (!load.ok) {
    return <PageNotice title="Your cart">Your cart cannot be loaded right now ({load.error.message}). Please try again in a moment.</PageNotice>;
  }
  const cart: PricedCart | null = load.cart;
  if (!cart || cart.lines.length === 0) {
    return (
      <div className="container page">
        <h1>Your cart</h1>
        <div className={`card ${styles.empty}`}>
          <p aria-hidden="true" className={styles.emptyIcon}>
            <CartIcon />
          </p>
          <p>Your cart is empty.</p>
          <Link href="/" className="btn btn-primary">
            Start shopping
          </Link>
        </div>
      </div>
    );
  }

  const changed = cart.lines.some((l) => l.priceChanged);
  // Signing in just merged the guest cart into this one, and some of it did not fit.
  const mergeNotices = decodeMergeNotices((await cookies()).get(MERGE_NOTICE_COOKIE)?.value).map(mergeNoticeText);
  // Prices, discounts, shipping and total as pricing quotes them (the cart's own totals without
  // it), and the public stock of the lines that can be bought, read together.
  const [quote, stock] = await Promise.all([quoteForCart(cart), stockLevelsFor(cart.lines.filter((l) => l.status !== 'unavailable').map((l) => l.sku))]);
  const quoted = new Map((quote?.lines ?? []).map((l) => [l.sku, l]));
  const saleLimits = await saleLimitsFor(quote);
  // A sold-out line, or more than is left, gets the order cancelled after "Place order": say so here and hold checkout.
  const problems = stockProblems(cart.lines, stock);
  const hold = checkoutHold(cart.lines, problems, saleLimits);
  // An applied coupon is one row of the summary, with its Remove button: named once, not in a box above it too.
  const coupon = couponOf(cart, quote);
  const couponInSummary = coupon?.status === 'applied' && summaryListsCoupon(quote, coupon.code);
  return (
    <div className="container page">
      <h1>Your cart</h1>
      {mergeNotices.length > 0 && <MergeNotice texts={mergeNotices} />}
      {!cart.verified && (
        <p className="notice notice-warn">We could not confirm today’s prices; the lines show the price when you added them.</p>
      )}
      {changed && <p className="notice notice-info">Some prices changed since you added the items; the totals use today’s prices.</p>}
      <div className={styles.layout}>
        <ul className={styles.lines} aria-label="Cart lines">
          {cart.lines.map((line) => {
            const quotedLine = line.status === 'unavailable' ? undefined : quoted.get(line.sku);
            // The line's own discounts and its total before the coupon: the coupon is taken off once, in the summary.
            const priced = quotedLine && { ...quotedLine, ...lineWithoutCoupon(quotedLine) };
            const tag = priced ? priceTag(priced.unitPrice, priced.listPrice) : null;
            const saleLimit = saleLimits.get(line.sku);
            const left = line.status === 'unavailable' ? undefined : knownAvailable(stock.get(line.sku));
            const problem = problems.get(line.sku);
            return (
              <li key={line.sku} className={`${styles.line} ${line.status === 'unavailable' ? styles.lineUnavailable : ''}`} data-testid="cart-line">
                <Link href={`/p/${line.productSlug}?sku=${encodeURIComponent(line.sku)}`} className={styles.thumb}>
                  <ProductImage src={line.image?.url} alt={line.image?.alt || line.productTitle} />
                </Link>
                <div className={styles.details}>
                  <Link href={`/p/${line.productSlug}?sku=${encodeURIComponent(line.sku)}`} className={styles.name}>
                    {line.productTitle}
                  </Link>
                  {/* The catalog's variant title ("Olive / M"), as the product page and the order name it; the attributes come back from the database in its own key order. */}
                  <p className={styles.variant}>{line.title || describeAttributes(line.attributes)}</p>
                  {tag ? (
                    <p className={styles.unit} data-testid="line-unit-price">
                      <PriceTag now={tag.now} was={tag.was} /> each
                    </p>
                  ) : (
                    <p className={styles.unit}>
                      {line.currentUnitPrice ? formatMoney(line.currentUnitPrice) : formatMoney(line.unitPrice)} each
                      {line.priceChanged && <span className={styles.was}> (was {formatMoney(line.unitPrice)})</span>}
                    </p>
                  )}
                  {priced && <LineDiscounts discounts={priced.discounts} currency={priced.total.currency} />}
                  {line.status === 'unavailable' && (
                    <p className="badge badge-bad" role="note" id={`unavailable-${line.sku}`}>
                      {UNAVAILABLE_LINE_TEXT}
                    </p>
                  )}
                  {saleLimit !== undefined && (
                    <p className={line.quantity > saleLimit ? 'field-error' : styles.variant} data-testid="sale-limit">
                      {line.quantity > saleLimit
                        ? `The sale price is limited to ${saleLimit} per customer: lower the quantity to check out.`
                        : `Sale price: limit ${saleLimit} per customer.`}
                    </p>
                  )}
                  {problem && (
                    <p className="field-error" id={`stock-${line.sku}`} data-testid="stock-problem">
                      {stockProblemText(problem)}
                    </p>
                  )}
                  <LineControls
                    sku={line.sku}
                    quantity={line.quantity}
                    title={line.productTitle}
                    maxQuantity={saleLimit === undefined && left === undefined ? undefined : quantityCap([saleLimit, left])}
                    describedBy={line.status === 'unavailable' ? `unavailable-${line.sku}` : problem ? `stock-${line.sku}` : undefined}
                    unavailable={line.status === 'unavailable'}
                  />
                </div>
                <p className={styles.lineTotal} data-testid="line-total">
                  {line.status === 'unavailable' ? '—' : formatMoney(priced ? priced.total : line.lineTotal)}
                </p>
              </li>
            );
          })}
        </ul>
        <aside className={`card ${styles.summary}`} aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          {!couponInSummary && <CouponForm coupon={coupon} />}
          {quote ? (
            <QuoteSummary
              quote={quote}
              itemCount={cart.totals.itemCount}
              subtotalTestId="cart-subtotal"
              couponAction={couponInSummary && coupon ? <RemoveCouponButton code={coupon.code} /> : undefined}
            />
          ) : (
            <dl className={styles.totals}>
              <div>
                <dt>Items</dt>
                <dd>{cart.totals.itemCount}</dd>
              </div>
              <div>
                <dt>Shipping</dt>
                <dd>Calculated at checkout</dd>
              </div>
              <div className={styles.grand}>
                <dt>Subtotal</dt>
                <dd data-testid="cart-subtotal">{formatMoney(cart.totals.subtotal)}</dd>
              </div>
            </dl>
          )}
          {hold ? (
            <>
              <p className="notice notice-warn" data-testid="checkout-held">
                {checkoutHoldText(hold)}
              </p>
              <span className="btn btn-primary btn-block" aria-disabled="true">
                Checkout
              </span>
            </>
          ) : (
            <Link href="/checkout" className="btn btn-primary btn-block">
              Checkout
            </Link>
          )}
          <p className={styles.secure}>
            <LockIcon /> Secure checkout · test mode, no real charges
          </p>
        </aside>
      </div>
    </div>
  );
}
