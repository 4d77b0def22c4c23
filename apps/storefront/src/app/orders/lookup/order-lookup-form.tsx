'use client';

import type { Order } from '@shop/contracts';
import { TextField } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import { OrderDetails, OrderHeadline, formatOrderDate } from '../../../components/order-details';
import { StatusBadge } from '../../account/status-badge';

type Errors = Record<string, string>;

/** The lookup form and, once found, the order as its signed-in shopper would see it: status, items and totals, shipping address, history. */
export function OrderLookupForm({ number }: { number: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [order, setOrder] = useState<Order | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const response = await fetch('/api/orders/lookup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ number: data.get('number'), email: data.get('email') }),
      });
      const body = (await response.json().catch(() => null)) as (Order & { error?: undefined }) | { error?: { message?: string; details?: Array<{ field: string; reason: string }> } } | null;
      if (response.ok && body && !('error' in body && body.error)) {
        setOrder(body as Order);
        return;
      }
      setOrder(null);
      const error = body && 'error' in body ? body.error : undefined;
      const fields = Object.fromEntries((error?.details ?? []).map((d) => [d.field, d.reason]));
      setErrors(fields);
      setMessage(error?.message ?? 'The order could not be looked up. Please try again.');
    } catch {
      setMessage('The shop cannot be reached. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate className="card" style={{ padding: '1rem', maxWidth: '28rem' }}>
        <TextField name="number" label="Order number" defaultValue={number} required error={errors.number} />
        <TextField name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Looking up…' : 'Find my order'}
        </button>
        {message && (
          <p className="notice notice-error" role="alert" data-testid="lookup-message">
            {message}
          </p>
        )}
      </form>
      {order && (
        <section style={{ marginTop: '1.5rem' }} aria-labelledby="found-order" data-testid="found-order">
          <div style={{ display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' }}>
            <h2 id="found-order" style={{ margin: 0 }}>
              Order {order.number}
            </h2>
            <StatusBadge status={order.status} />
          </div>
          <p className="muted">Placed {formatOrderDate(order.createdAt)} UTC</p>
          <OrderHeadline order={order} />
          <OrderDetails order={order} />
        </section>
      )}
    </>
  );
}
