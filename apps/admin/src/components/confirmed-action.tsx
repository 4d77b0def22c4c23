'use client';

import { Button, ConfirmDialog, TextField, toast, type ButtonVariant } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode, useId } from 'react';

/**
 * A button for a change that asks first (ConfirmDialog), optionally for a reason, then sends it
 * to one of the console's route handlers, says it worked in a toast, and refreshes the page's
 * server data. The platform decides whether the change is allowed; its refusal shows in the
 * dialog, which stays open.
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
  // The platform's refusal, shown in the dialog: a toast would sit behind the dialog's overlay.
  const [refusal, setRefusal] = useState<string | null>(null);
  // Several of these on a page (an order's refund and cancel): each reason field needs its own id, or a label points at another dialog's input.
  const reasonId = `reason-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  async function confirm() {
    if (reason && reasonText.trim() === '') {
      setReasonError('Please give a reason.');
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const res = await fetch(endpoint, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(reason ? { reason: reasonText.trim() } : {}) : undefined,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setRefusal(body?.error?.message ?? `The platform answered ${res.status}; nothing was changed.`);
        return;
      }
      toast.success(done);
      setOpen(false);
      setReasonText('');
      router.refresh();
    } catch {
      setRefusal('The console cannot be reached; nothing was changed. Try again in a moment.');
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
        onCancel={() => {
          setOpen(false);
          setRefusal(null);
        }}
      >
        {children}
        {refusal ? (
          <p className="notice notice-warn" role="alert" data-testid="action-refused">
            {refusal}
          </p>
        ) : null}
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
