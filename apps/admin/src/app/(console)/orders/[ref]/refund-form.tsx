'use client';

import { Button, ConfirmDialog, TextField, toast } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

export interface RefundableLine {
  sku: string;
  name: string;
  /** Units bought and not refunded yet. */
  left: number;
}

/**
 * Refund some units of some lines: a quantity per line (at most what is left), a reason, one
 * submit. The money for those units goes back and they return to stock. One Idempotency-Key per
 * filled-in form, so a double click refunds once; the platform's refusal (e.g. more units than
 * are left) is the toast.
 */
export function RefundForm({ orderNumber, lines }: { orderNumber: string; lines: RefundableLine[] }) {
  const router = useRouter();
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  // Money goes back: asked first, as the whole-order refund and the cancel are.
  const [pending, setPending] = useState<{ sku: string; quantity: number }[] | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const chosen: { sku: string; quantity: number }[] = [];
    for (const line of lines) {
      const raw = (quantities[line.sku] ?? '').trim();
      if (raw === '' || raw === '0') continue;
      const quantity = Number(raw);
      if (!Number.isInteger(quantity) || quantity < 0) found[line.sku] = 'Enter a whole number of units.';
      else if (quantity > line.left) found[line.sku] = `At most ${line.left}.`;
      else chosen.push({ sku: line.sku, quantity });
    }
    if (Object.keys(found).length === 0 && chosen.length === 0) found.lines = 'Choose at least one unit to refund.';
    if (reason.trim() === '') found.reason = 'Please give a reason.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(chosen);
  }

  async function refund(chosen: { sku: string; quantity: number }[]) {
    setBusy(true);
    try {
      const res = await fetch(`/api/orders/${orderNumber}/refunds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ lines: chosen, reason: reason.trim() }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        toast.error(`Refund failed: ${body?.error?.message ?? `the platform answered ${res.status}`}`);
        return;
      }
      const units = chosen.reduce((n, l) => n + l.quantity, 0);
      toast.success(`Refunded ${units} unit${units === 1 ? '' : 's'} of ${orderNumber}; they are back in stock.`);
      setPending(null);
      setQuantities({});
      setReason('');
      setKey(crypto.randomUUID());
      router.refresh();
    } catch {
      toast.error('Refund failed: the console cannot be reached.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
    <form onSubmit={submit} aria-labelledby="refund-lines" data-testid="refund-form" noValidate>
      <h3 id="refund-lines">Refund items</h3>
      <p className="muted">The customer gets back what these units were paid (their share of any discount included); the units go back into stock.</p>
      {lines.map((line) => (
        <TextField
          key={line.sku}
          name={`refund-${line.sku}`}
          label={`${line.name} (${line.sku}): units to refund, ${line.left} left`}
          type="number"
          inputMode="numeric"
          min="0"
          step="1"
          value={quantities[line.sku] ?? ''}
          onChange={(v) => setQuantities((q) => ({ ...q, [line.sku]: v }))}
          error={errors[line.sku]}
        />
      ))}
      {errors.lines ? <p className="field-error">{errors.lines}</p> : null}
      <TextField
        name="refund-reason"
        label="Reason for the refund"
        hint="Shown to the customer, in the refund email."
        required
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
      <Button type="submit" variant="danger" busy={busy}>
        Refund these items
      </Button>
    </form>
      <ConfirmDialog
        open={pending !== null}
        title={`Refund these items of ${orderNumber}?`}
        confirmLabel="Refund"
        destructive
        busy={busy}
        onConfirm={() => pending && void refund(pending)}
        onCancel={() => setPending(null)}
      >
        <p>
          {(pending ?? []).map((l) => `${l.quantity} × ${lines.find((line) => line.sku === l.sku)?.name ?? l.sku}`).join(', ')}: what these units were paid goes back to the
          customer and the units return to stock. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
