'use client';

import type { Order } from '@shop/contracts';
import { Button, ConfirmDialog, TextAreaField } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CANNOT_REACH } from '../../../../lib/password-errors';
import { cancelledText, cancelMoneyText, cancelRefusal, canCancelOrder, type CancelRefusal } from '../../../../lib/order-cancel';
import type { PaymentStage } from '../../../../lib/order-payment';
import styles from '../../../../components/order-details.module.css';

/**
 * The shopper's own "Cancel order", offered while the order may still be cancelled (before it ships,
 * nothing refunded: the orders service's rule, which decides again). Asks first — saying what
 * happens to the money (refunded once captured, the hold released before: `payment`), with an
 * optional reason — then refreshes the page, and says it is done (with the payment as it stood at
 * the cancel). Stays mounted across the refresh, so the confirmation stays on screen.
 */
export function CancelOrder({ order, payment }: { order: Order; payment: PaymentStage }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<CancelRefusal | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (done) {
    return (
      <p className="notice notice-good" role="status" data-testid="cancel-confirmation">
        {done}
      </p>
    );
  }
  if (!canCancelOrder(order) && !open) return null;

  async function confirm() {
    setBusy(true);
    setRefusal(null);
    try {
      const response = await fetch(`/api/orders/${encodeURIComponent(order.number)}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: reason.trim() === '' ? undefined : reason, expectedVersion: order.version }),
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const cancelled = body as { order: Order; payment: PaymentStage };
        setOpen(false);
        setDone(cancelledText(cancelled.order, cancelled.payment));
      } else {
        setRefusal(cancelRefusal(response.status, body));
      }
      // Either way the page shows the order as it is now (cancelled, shipped meanwhile, ...).
      router.refresh();
    } catch {
      setRefusal({ message: CANNOT_REACH });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={`card ${styles.panel}`} aria-labelledby="cancel-heading" data-testid="cancel-order">
      <h2 id="cancel-heading">Changed your mind?</h2>
      <p className="muted">You can cancel this order until it ships.</p>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Cancel order
      </Button>
      <ConfirmDialog
        open={open}
        title={`Cancel order ${order.number}?`}
        confirmLabel="Yes, cancel the order"
        cancelLabel="Keep my order"
        destructive
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
          setRefusal(null);
        }}
      >
        <p data-testid="cancel-money">{cancelMoneyText(order, payment)}</p>
        <TextAreaField name="reason" id="cancel-reason-text" label="Reason" rows={3} value={reason} onChange={setReason} hint="Tell us why, if you like." error={refusal?.reason} />
        {refusal && (
          <p className="notice notice-error" role="alert" data-testid="cancel-refusal">
            {refusal.message}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
