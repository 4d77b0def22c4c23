'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { ErrorAnswer } from '../../lib/cart-errors';
import type { CartCouponView } from '../../lib/pricing';
import { couponErrorMessage, couponNotAppliedText } from '../../lib/pricing-messages';
import styles from './cart.module.css';

/** Applies or takes off the cart's coupon; the page then re-renders with the new quote. */
function useCouponChange() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, startTransition] = useTransition();

  async function send(method: 'POST' | 'DELETE', code?: string) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/cart/coupon', {
        method,
        headers: { 'content-type': 'application/json' },
        body: code === undefined ? undefined : JSON.stringify({ code }),
      });
      if (!response.ok) {
        setError(couponErrorMessage(response.status, (await response.json().catch(() => null)) as ErrorAnswer | null));
        return;
      }
      startTransition(() => router.refresh());
    } catch {
      setError('The shop cannot be reached. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return { send, error, setError, disabled: busy || pending };
}

/**
 * The Remove button of a coupon the summary lists as applied: it sits in the coupon's own row
 * ("Coupon SAVE10 · 10% off −€5.00"), so the code is named once.
 */
export function RemoveCouponButton({ code }: { code: string }) {
  const { send, error, disabled } = useCouponChange();
  return (
    <span className={styles.couponRemove}>
      <button type="button" className="btn-link" disabled={disabled} onClick={() => void send('DELETE')} aria-label={`Remove coupon ${code}`}>
        Remove
      </button>
      <span aria-live="polite">
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </span>
    </span>
  );
}

/**
 * The coupon field: applies a code to the cart (the page then re-renders with the new quote) or
 * takes it off; a refused code says why ("This coupon has expired.") next to the field. A coupon
 * on the cart that stopped applying stays visible, saying why it is no longer taken off the total
 * ("Coupon SPRING10 has run out, …"), until the shopper removes it. The cart and the checkout
 * page both show it. A coupon the summary lists as a discount is shown there, with its Remove
 * button (`RemoveCouponButton`), not here too.
 */
export function CouponForm({ coupon }: { coupon: CartCouponView | null }) {
  const { send, error, setError, disabled } = useCouponChange();
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = new FormData(event.currentTarget).get('code');
    if (typeof code !== 'string' || code.trim() === '') {
      setError('Enter a coupon code.');
      return;
    }
    void send('POST', code.trim());
  }

  if (coupon) {
    return (
      <div className={styles.coupon} data-testid={coupon.status === 'not_applied' ? 'coupon-not-applied' : 'coupon-applied'}>
        {coupon.status === 'applied' && (
          <p className={styles.couponApplied}>
            Coupon <strong>{coupon.code}</strong> applied
          </p>
        )}
        {coupon.status === 'unverified' && (
          <p>
            Coupon <strong>{coupon.code}</strong> is on your cart; it is checked again when you order.
          </p>
        )}
        {coupon.status === 'not_applied' && (
          <p className="notice notice-warn" role="note" data-testid="coupon-problem">
            {couponNotAppliedText(coupon)}
          </p>
        )}
        <button type="button" className="btn-link" disabled={disabled} onClick={() => void send('DELETE')} aria-label={`Remove coupon ${coupon.code}`}>
          Remove
        </button>
        <div aria-live="polite">
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
    );
  }
  return (
    <form className={styles.coupon} onSubmit={submit} noValidate>
      <label htmlFor={`${id}-code`}>Coupon code</label>
      <div className={styles.couponRow}>
        <input
          id={`${id}-code`}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" className="btn btn-secondary" disabled={disabled}>
          {disabled ? <span className="spinner" aria-label="Applying" /> : 'Apply'}
        </button>
      </div>
      <div aria-live="polite">
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert" data-testid="coupon-error">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
