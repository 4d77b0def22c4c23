'use client';

import { Button, ConfirmDialog, TextField, toast, type ButtonVariant } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode, useId } from 'react';

/**
 * A button for a change that asks first (ConfirmDialog), optionally for a reason, then sends it
 * to one of the console's route handlers, says how it went in a toast, and refreshes the page's
 * server data. The platform decides whether the change is allowed; its refusal is the toast.
 */
export function ConfirmedAction({
  label,
  title,
  children,
  confirmLabel,
  cancelLabel,
  endpoint,
  method = 'POST',
  destructive = false,
  reason,
  variant,
  small = false,
  done,
}: {
  label: string;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** The console route handler that makes the change. */
  endpoint: string;
  method?: 'POST' | 'DELETE';
  destructive?: boolean;
  /** Ask for a reason (sent as `{ reason }`), e.g. to cancel or refund an order. */
  reason?: { label: string; hint?: string };
  variant?: ButtonVariant;
  small?: boolean;
  /** The toast after it worked. */
  done: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reasonText, setReasonText] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  // Several of these on a page (an order's refund and cancel): each reason field needs its own id, or a label points at another dialog's input.
  const reasonId = `reason-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  async function confirm() {
    if (reason && reasonText.trim() === '') {
      setReasonError('Please give a reason.');
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(endpoint, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(reason ? { reason: reasonText.trim() } : {}) : undefined,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        toast.error(`${label} failed: ${body?.error?.message ?? `the platform answered ${res.status}`}`);
        return;
      }
      toast.success(done);
      setOpen(false);
      setReasonText('');
      router.refresh();
    } catch {
      toast.error(`${label} failed: the console cannot be reached.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant={variant ?? (destructive ? 'danger' : 'secondary')} small={small} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        cancelLabel={cancelLabel}
        destructive={destructive}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        {children}
        {reason ? (
          <TextField
            name="reason"
            id={reasonId}
            label={reason.label}
            hint={reason.hint}
            required
            value={reasonText}
            onChange={(v) => {
              setReasonText(v);
              setReasonError(undefined);
            }}
            error={reasonError}
          />
        ) : null}
      </ConfirmDialog>
    </>
  );
}
