'use client';

import type { Order } from '@shop/contracts';
import { TextField } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import { STATUS_LABEL, cancelRefundText, describeCancelReason } from '../../../lib/order-status';
import { OrderLinesTable } from '../../../components/order-lines-table';

type Errors = Record<string, string>;

/** The lookup form and, once found, the order: its status, lines and total. */
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
        <section className="card" style={{ padding: '1rem', marginTop: '1rem' }} aria-labelledby="found-order" data-testid="found-order">
          <h2 id="found-order">Order {order.number}</h2>
          <p>
            Status: <strong data-testid="order-status">{STATUS_LABEL[order.status]}</strong>
            {order.cancelReason && <span> — {describeCancelReason(order.cancelReason)}</span>}
            {cancelRefundText(order) && <span data-testid="cancel-refund"> {cancelRefundText(order)}</span>}
          </p>
          <OrderLinesTable order={order} />
        </section>
      )}
    </>
  );
}
