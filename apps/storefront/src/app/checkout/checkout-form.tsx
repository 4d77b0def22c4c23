'use client';

// The failure codes alone (no schemas): safe for client bundles.
import { FailureCode } from '@shop/contracts/failure';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { COUNTRIES } from '../../lib/countries';
import styles from './checkout.module.css';
import { TextField } from '../../components/text-field';

type Errors = Record<string, string>;

const PAYMENT_OPTIONS = [
  { token: 'tok_approve', label: 'Test card — approved', hint: 'The simulated provider authorizes the payment.' },
  { token: 'tok_decline', label: 'Test card — declined', hint: 'The simulated provider declines; the order is cancelled.' },
] as const;

function newKey(): string {
  return crypto.randomUUID();
}

/** `cartId`: the cart the page showed, the one the order is placed for. */
export function CheckoutForm({ email, cartId }: { email: string | null; cartId: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'warn'; text: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key per checkout attempt: a resubmit after a lost answer reuses it, so the saga
  // recognises the retry; a refused attempt (4xx) is over, and the next one gets a new key.
  const key = useRef<string>('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const data = new FormData(event.currentTarget);
    const address: Record<string, string> = {};
    for (const [name, value] of data.entries()) if (name !== 'paymentToken' && typeof value === 'string') address[name] = value;
    if (!key.current) key.current = newKey();
    setSubmitting(true);
    setMessage(null);
    setErrors({});
    try {
      const response = await fetch('/api/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cartId, address, paymentToken: data.get('paymentToken'), idempotencyKey: key.current }),
      });
      const body = (await response.json().catch(() => null)) as {
        orderId?: string;
        error?: { code?: string; message?: string; fields?: Errors };
      } | null;
      if (response.status === 202 && body?.orderId) {
        router.push(`/account/orders/${body.orderId}?placed=1`);
        router.refresh();
        return;
      }
      if (response.status >= 400 && response.status < 500) key.current = '';
      const error = body?.error;
      if (error?.fields && Object.keys(error.fields).length > 0) {
        setErrors(error.fields);
        setMessage({ tone: 'error', text: error.fields.form ?? error.message ?? 'Please check the highlighted fields.' });
      } else if (error?.code === FailureCode.CHECKOUT_UNAVAILABLE) {
        setMessage({ tone: 'warn', text: error.message ?? 'Checkout is not available right now.' });
      } else if (response.status === 401) {
        router.push('/account/login?next=/checkout');
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

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className={styles.form} aria-describedby={message ? 'checkout-message' : undefined}>
      <section className={`card ${styles.section}`} aria-labelledby="shipping-heading">
        <h2 id="shipping-heading">Shipping address</h2>
        {email && <p className="muted">Confirmation goes to {email}.</p>}
        {field('name', 'Full name', { autoComplete: 'name', required: true })}
        {field('line1', 'Address', { autoComplete: 'address-line1', required: true })}
        {field('line2', 'Apartment, suite, etc.', { autoComplete: 'address-line2' })}
        <div className={styles.row}>
          {field('city', 'City', { autoComplete: 'address-level2', required: true })}
          {field('region', 'County / state', { autoComplete: 'address-level1' })}
        </div>
        <div className={styles.row}>
          {field('postalCode', 'Postal code', { autoComplete: 'postal-code', required: true })}
          <div className="field">
            <label htmlFor="country">Country</label>
            <select
              id="country"
              name="country"
              autoComplete="country"
              defaultValue="IE"
              aria-invalid={errors.country ? true : undefined}
              aria-describedby={errors.country ? 'country-error' : undefined}
            >
              {COUNTRIES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
            {errors.country && (
              <p className="field-error" id="country-error">
                {errors.country}
              </p>
            )}
          </div>
        </div>
        {field('phone', 'Phone', { autoComplete: 'tel', type: 'tel', hint: 'For the courier, e.g. +353 1 234 5678' })}
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
          <p className={`notice ${message.tone === 'warn' ? 'notice-warn' : 'notice-error'}`} role="alert">
            {message.text}
          </p>
        )}
      </div>

      <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
        {submitting ? (
          <>
            <span className="spinner" aria-hidden="true" /> Placing order…
          </>
        ) : (
          'Place order'
        )}
      </button>
    </form>
  );
}
