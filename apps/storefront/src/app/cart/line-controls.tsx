'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { cartErrorMessage, type ErrorAnswer } from '../../lib/cart-errors';
import styles from './cart.module.css';

/**
 * Quantity and remove for one cart line; the page re-renders from the server after each change.
 * `maxQuantity`: the most offered, the smaller of a sale's per-customer limit and the units left
 * when the public stock names them (a quantity already above it stays shown, so the shopper sees
 * what to lower). `describedBy`: the id of the line's stock note, read with the quantity.
 * `unavailable`: the product is no longer sold, so its quantity cannot change (the cart would refuse
 * it): the quantity is shown as it is, and Remove is the one way on.
 */
export function LineControls({
  sku,
  quantity,
  title,
  maxQuantity,
  describedBy,
  unavailable = false,
}: {
  sku: string;
  quantity: number;
  title: string;
  maxQuantity?: number;
  describedBy?: string;
  unavailable?: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  async function change(method: 'PATCH' | 'DELETE', body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/cart/items/${encodeURIComponent(sku)}`, {
        method,
        // Every change is same-origin JSON (the proxy refuses anything else).
        headers: { 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok) {
        setError(cartErrorMessage(response.status, (await response.json().catch(() => null)) as ErrorAnswer | null));
        return;
      }
      startTransition(() => router.refresh());
    } catch {
      setError('The shop cannot be reached. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  const disabled = busy || pending;
  const top = maxQuantity ?? Math.max(10, quantity);
  const options = Array.from({ length: top }, (_, i) => i + 1);
  if (quantity > top) options.push(quantity);
  return (
    <div className={styles.controls}>
      {unavailable ? (
        <span aria-describedby={describedBy}>
          Qty <span data-testid="line-quantity">{quantity}</span>
        </span>
      ) : (
        <>
          <label htmlFor={`qty-${sku}`} className="visually-hidden">
            Quantity of {title}
          </label>
          <select
            id={`qty-${sku}`}
            value={quantity}
            disabled={disabled}
            aria-describedby={describedBy}
            aria-invalid={describedBy ? true : undefined}
            onChange={(e) => void change('PATCH', { quantity: Number(e.target.value) })}>
            {options.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" className="btn-link" disabled={disabled} onClick={() => void change('DELETE')} aria-label={`Remove ${title}`}>
        Remove
      </button>
      {disabled && <span className="spinner" aria-label="Updating" />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
