'use client';

// The failure codes alone (no schemas): safe for client bundles.
import { FailureCode } from '@shop/contracts/failure';
import type { Quote } from '@shop/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AddressFields } from '../../components/address-fields';
import { addressSaveProblemOf, addressSummary, defaultAddressOf, type CheckoutAddressBook } from '../../lib/saved-addresses';
import { formatMoney } from '@shop/ui';
import { couponErrorMessage, couponNotAppliedText, quoteChanges, quoteOf, type PriceMove } from '../../lib/pricing-messages';
import styles from './checkout.module.css';
import { TextField } from '@shop/ui';

type Errors = Record<string, string>;

const PAYMENT_OPTIONS = [
  { token: 'tok_approve', label: 'Test card — approved', hint: 'The simulated provider authorizes the payment.' },
  { token: 'tok_decline', label: 'Test card — declined', hint: 'The simulated provider declines; the order is cancelled.' },
] as const;

function newKey(): string {
  return crypto.randomUUID();
}

/** A 409 PRICE_CHANGED: the new quote and what moved, shown until the shopper confirms again. */
interface PriceChange {
  quote: Quote;
  lines: PriceMove[];
  totalBefore: Quote['total'] | null;
  /** Why the coupon the shopper saw taken off no longer is ("Coupon SPRING10 has run out, …"), when that is the change. */
  lostCoupon: string | null;
}

/** The new quote leaves out a coupon the shown quote took off: say that, not "prices changed". */
function lostCouponText(before: Quote | null, after: Quote): string | null {
  const rejection = after.couponRejection;
  return rejection && before?.couponCode === rejection.code ? couponNotAppliedText(rejection) : null;
}

/** Why a checkout was refused before any money moved, for the refusals the pricing checkout adds. */
function refusalMessage(code: string | undefined, details: unknown): { text: string; toBack: boolean; toLogin?: boolean } | null {
  switch (code) {
    case FailureCode.RESERVATION_REFUSED:
      return { text: 'Your hold on this unit has ended (its time ran out), so the order was not placed and nothing was charged.', toBack: true };
    case FailureCode.COUPON_EXHAUSTED:
    case FailureCode.COUPON_INVALID:
      // The page is refreshed with it: the coupon in the summary says why, and the total is without it.
      return {
        text: `${couponErrorMessage(409, { error: { code, message: 'Your coupon can’t be used any more.', details } })} Your order was not placed and nothing was charged. Check the new total, then place your order again.`,
        toBack: false,
      };
    case FailureCode.LIMIT_EXCEEDED:
      return { text: 'You already have the most of this sale item allowed per customer. The order was not placed and nothing was charged.', toBack: true };
    case FailureCode.ACCOUNT_REQUIRED:
      return { text: 'Items in a flash sale or limited per customer need an account. Nothing was charged. Sign in or create an account to buy them.', toBack: false, toLogin: true };
    case FailureCode.OUT_OF_STOCK:
      return { text: 'Sorry, an item sold out while you were checking out. The order was not placed and nothing was charged.', toBack: true };
  }
  return null;
}

/**
 * `cartId`: the cart the page showed, the one the order is placed for (a Buy now's own cart, or
 * the shopper's). `quote`: the prices the page showed, sent with the order so checkout charges
 * exactly them (a changed price answers 409 PRICE_CHANGED and the shopper confirms the new prices,
 * never a silent different charge). `holdId`: the shopper's own hold from a sale page, which
 * checkout takes over. `back`: where a refusal sends the shopper to fix it (their cart, or the
 * sale of a Buy now); `returnTo`: this checkout's link, to come back to after signing in again.
 */
export function CheckoutForm({
  guest,
  addressBook = null,
  email,
  cartId,
  quote,
  holdId,
  back = { href: '/cart', label: 'Review your cart' },
  returnTo = '/checkout',
  titles,
}: {
  /** No account: the form asks for an email, and the order is found again by its number and that email. */
  guest: boolean;
  /** A signed-in shopper's saved addresses: the default is filled in, the others offered, a new one may be saved. */
  addressBook?: CheckoutAddressBook | null;
  email: string | null;
  cartId: string;
  quote: Quote | null;
  holdId: string | null;
  back?: { href: string; label: string };
  returnTo?: string;
  titles: Record<string, string>;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'warn'; text: string; toBack?: boolean; toLogin?: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [priceChange, setPriceChange] = useState<PriceChange | null>(null);
  // Which saved address fills the fields ('new': none, the shopper types one, and may save it).
  const [picked, setPicked] = useState<string>(() => (addressBook ? (defaultAddressOf(addressBook.addresses)?.id ?? 'new') : 'new'));
  const pickedAddress = addressBook?.addresses.find((a) => a.id === picked)?.address;
  const canSaveAddress = addressBook !== null && picked === 'new' && addressBook.addresses.length < addressBook.max;
  const currentQuote = useRef<Quote | null>(quote);
  // The page's quote is new after a refresh (the coupon removed, or refused): the order is placed at that one.
  useEffect(() => {
    currentQuote.current = quote;
  }, [quote]);
  const form = useRef<HTMLFormElement>(null);
  // One key per checkout attempt: a resubmit after a lost answer reuses it, so the saga
  // recognises the retry; a refused attempt (4xx) is over, and the next one gets a new key.
  const key = useRef<string>('');

  // Refused fields: focus goes to the first one (in the form's order), so a keyboard or screen
  // reader user lands on what to fix instead of staying on <body>; a refusal with no field of its
  // own focuses the message that says it.
  useEffect(() => {
    if (Object.keys(errors).length === 0 || !form.current) return;
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (errors.paymentToken ? form.current.querySelector<HTMLElement>('input[name="paymentToken"]:checked, input[name="paymentToken"]') : null) ??
      form.current.querySelector<HTMLElement>('[data-testid="checkout-message"]');
    target?.focus();
  }, [errors]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const data = new FormData(event.currentTarget);
    const address: Record<string, string> = {};
    for (const [name, value] of data.entries()) if (name !== 'paymentToken' && name !== 'email' && name !== 'saveAddress' && typeof value === 'string') address[name] = value;
    // Saved by the route handler once the order is placed (a refused checkout saves nothing).
    const saveAddress = canSaveAddress && data.get('saveAddress') === 'on';
    const guestEmail = guest ? String(data.get('email') ?? '') : null;
    if (!key.current) key.current = newKey();
    setSubmitting(true);
    setMessage(null);
    setErrors({});
    setPriceChange(null);
    try {
      const response = await fetch('/api/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          cartId,
          address,
          paymentToken: data.get('paymentToken'),
          idempotencyKey: key.current,
          ...(currentQuote.current ? { quote: currentQuote.current } : {}),
          ...(holdId ? { reservationId: holdId } : {}),
          ...(guestEmail !== null ? { email: guestEmail } : {}),
          ...(saveAddress ? { saveAddress: true } : {}),
        }),
      });
      const body = (await response.json().catch(() => null)) as {
        orderId?: string;
        orderNumber?: string | null;
        addressProblem?: unknown;
        error?: { code?: string; message?: string; fields?: Errors; details?: unknown };
      } | null;
      if (response.status === 202 && body?.orderId) {
        // A guest has no account to read the order in: the confirmation names its number and how to look it up.
        // A Buy now's order page offers the way back to its sale, should the card be declined.
        const backTo = back.href.startsWith('/sales/') ? `&back=${encodeURIComponent(back.href)}` : '';
        // The address asked to be saved was not: the order page says so (the order is placed all the same).
        const addressProblem = addressSaveProblemOf(body.addressProblem);
        const addressNote = addressProblem ? `&address=${addressProblem}` : '';
        router.push(guest ? `/checkout/confirmation?number=${encodeURIComponent(body.orderNumber ?? '')}` : `/account/orders/${body.orderId}?placed=1${backTo}${addressNote}`);
        router.refresh();
        return;
      }
      if (response.status >= 400 && response.status < 500) key.current = '';
      const error = body?.error;
      const newQuote = error?.code === FailureCode.PRICE_CHANGED ? quoteOf(error.details) : null;
      const refusal = refusalMessage(error?.code, error?.details);
      if (newQuote) {
        const lostCoupon = lostCouponText(currentQuote.current, newQuote);
        setPriceChange({ quote: newQuote, ...quoteChanges(currentQuote.current, newQuote), lostCoupon });
        // The summary beside the form still takes the coupon off: show it as the cart is now.
        if (lostCoupon) router.refresh();
      } else if (error?.code === FailureCode.PRICE_CHANGED) {
        setMessage({ tone: 'warn', text: 'Prices changed since this page was loaded, and nothing was charged. Please review your cart before ordering again.', toBack: true });
      } else if (refusal) {
        setMessage({ tone: 'warn', ...refusal });
        if (error?.code === FailureCode.COUPON_EXHAUSTED || error?.code === FailureCode.COUPON_INVALID) router.refresh();
      } else if (error?.fields && Object.keys(error.fields).length > 0) {
        setErrors(error.fields);
        setMessage({ tone: 'error', text: error.fields.form ?? error.message ?? 'Please check the highlighted fields.' });
      } else if (error?.code === FailureCode.CHECKOUT_UNAVAILABLE) {
        setMessage({ tone: 'warn', text: error.message ?? 'Checkout is not available right now.' });
      } else if (response.status === 401) {
        router.push(`/account/login?next=${encodeURIComponent(returnTo)}`);
      } else {
        setMessage({ tone: 'error', text: error?.message ?? 'The order could not be placed. Please try again.' });
      }
    } catch {
      setMessage({ tone: 'error', text: 'The shop cannot be reached. Your order was not placed yet; you can safely try again.' });
    } finally {
      setSubmitting(false);
    }
  }

  const field = (name: string, label: string, props: { autoComplete?: string; required?: boolean; type?: string; hint?: string } = {}) => (
    <TextField name={name} label={label} error={errors[name]} {...props} />
  );

  /** The shopper accepts the new prices: the same order again, with the new quote (and a new key). */
  function confirmNewPrices() {
    if (!priceChange) return;
    currentQuote.current = priceChange.quote;
    setPriceChange(null);
    form.current?.requestSubmit();
  }

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className={styles.form} aria-describedby={message ? 'checkout-message' : undefined}>
      <section className={`card ${styles.section}`} aria-labelledby="shipping-heading">
        <h2 id="shipping-heading">Shipping address</h2>
        {email && <p className="muted">Confirmation goes to {email}.</p>}
        {guest && (
          <>
            <p className="muted" data-testid="guest-checkout">
              Checking out as a guest. <Link href="/account/login?next=%2Fcheckout">Sign in</Link> or{' '}
              <Link href="/account/register?next=%2Fcheckout">create an account</Link> to see your orders in one place.
            </p>
            {field('email', 'Email', { autoComplete: 'email', type: 'email', required: true, hint: 'Your order number and this email let you look the order up later.' })}
          </>
        )}
        {addressBook && addressBook.addresses.length > 0 && (
          <div className="field">
            <label htmlFor="saved-address">Deliver to</label>
            <select id="saved-address" value={picked} onChange={(e) => setPicked(e.target.value)} data-testid="saved-address-picker">
              {addressBook.addresses.map((saved) => (
                <option key={saved.id} value={saved.id}>
                  {addressSummary(saved.address)}
                  {saved.isDefault ? ' (default)' : ''}
                </option>
              ))}
              <option value="new">A new address</option>
            </select>
            <p className="field-hint">Changes below are for this order only; your saved addresses are in your account.</p>
          </div>
        )}
        {/* A new pick fills the fields in afresh (uncontrolled inputs, remounted by key). */}
        <AddressFields key={picked} initial={pickedAddress ?? (addressBook?.accountName ? { name: addressBook.accountName } : undefined)} errors={errors} />
        {canSaveAddress && (
          <label className={styles.saveAddress}>
            <input type="checkbox" name="saveAddress" data-testid="save-address" /> Save this address to my account
          </label>
        )}
        {addressBook && picked === 'new' && !canSaveAddress && (
          <p className="muted" data-testid="address-book-full">
            Your address book is full ({addressBook.max} addresses), so this address is used for this order only.
          </p>
        )}
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="payment-heading">
        <div className={styles.paymentHead}>
          <h2 id="payment-heading">Payment</h2>
          <span className="badge badge-test">Test mode</span>
        </div>
        <p className="muted">This demo shop uses a simulated payment provider. No card is charged; pick how the test payment should go.</p>
        <fieldset className={styles.payments} aria-describedby={errors.paymentToken ? 'paymentToken-error' : undefined}>
          <legend className="visually-hidden">Test card</legend>
          {PAYMENT_OPTIONS.map((option, i) => (
            <label key={option.token} className={styles.payment}>
              <input type="radio" name="paymentToken" value={option.token} defaultChecked={i === 0} />
              <span>
                <strong>{option.label}</strong>
                <span className={styles.paymentHint}>
                  {option.hint} <code>{option.token}</code>
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {errors.paymentToken && (
          <p className="field-error" id="paymentToken-error">
            {errors.paymentToken}
          </p>
        )}
      </section>

      <div aria-live="polite" id="checkout-message">
        {message && (
          <p className={`notice ${message.tone === 'warn' ? 'notice-warn' : 'notice-error'}`} role="alert" data-testid="checkout-message" tabIndex={-1}>
            {message.text}
            {message.toBack && (
              <>
                {' '}
                <Link href={back.href}>{back.label} →</Link>
              </>
            )}
            {message.toLogin && (
              <>
                {' '}
                <Link href="/account/login?next=%2Fcheckout">Sign in →</Link>
              </>
            )}
          </p>
        )}
        {priceChange && <PriceChangePanel change={priceChange} titles={titles} onConfirm={confirmNewPrices} />}
      </div>

      {/* While new prices wait for the shopper's word, the panel's button is the one way on: a second "Place order" below it read as an alternative. */}
      {!priceChange && (
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? (
            <>
              <span className="spinner" aria-hidden="true" /> Placing order…
            </>
          ) : (
            'Place order'
          )}
        </button>
      )}
    </form>
  );
}

/**
 * The prices moved between the page and the order: nothing was charged. Show each line's old and
 * new price and the new total, and place the order only when the shopper confirms.
 */
function PriceChangePanel({ change, titles, onConfirm }: { change: PriceChange; titles: Record<string, string>; onConfirm: () => void }) {
  return (
    <section className={`notice notice-warn ${styles.priceChange}`} role="alert" aria-labelledby="price-change-heading" data-testid="price-changed">
      <h2 id="price-change-heading">{change.lostCoupon ? 'Your coupon no longer applies' : 'The prices have changed'}</h2>
      <p data-testid="price-change-reason">
        {change.lostCoupon ?? 'Since you opened checkout the prices changed (a sale may have started or ended).'} Nothing was charged. This is what your order
        costs now:
      </p>
      {change.lines.length > 0 && (
        <table className={styles.changeTable}>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Before</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {change.lines.map((line) => (
              <tr key={line.sku}>
                <th scope="row">
                  {line.quantity} × {titles[line.sku] ?? line.sku}
                </th>
                <td>{line.before ? <del>{formatMoney(line.before)}</del> : '—'}</td>
                <td>
                  <strong>{formatMoney(line.after)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        New total: <strong data-testid="new-total">{formatMoney(change.quote.total)}</strong>
        {change.totalBefore && (
          <>
            {' '}
            (was <del>{formatMoney(change.totalBefore)}</del>)
          </>
        )}
      </p>
      <button type="button" className="btn btn-primary" onClick={onConfirm}>
        Confirm and place order for {formatMoney(change.quote.total)}
      </button>
    </section>
  );
}
