'use client';

import type { SaleLimit } from '@shop/contracts';
import { Button, ConfirmDialog, SelectField, TextField } from '@shop/ui';
import { useState } from 'react';
import { FORM_LEVEL, localInputToIso, isoToLocalInput } from '../../../../lib/merch/form-mapping';
import { SALE_LIMIT_FIELDS, SALE_LIMIT_LABELS, STOCK_CHANGE_FIELD_MAP, saleLimitFromForm, stockChangeFromForm, stockChangeLabels } from '../../../../lib/merch/stock-forms';
import { useConsoleAction } from '../../../../lib/merch/use-console-action';
import { useContractForm } from '../../../../lib/merch/use-contract-form';
import { useLocalTimeHint } from '../../../../lib/use-local-time-hint';

const text = (data: FormData, name: string) => String(data.get(name) ?? '');
const browserOffset = () => -new Date().getTimezoneOffset();

/** Adjust by a delta with a reason, or set the on-hand count; a refused value is said as a sentence naming its field, next to it. */
export function StockChangeForm({ sku, initialMode = 'adjust' }: { sku: string; initialMode?: 'adjust' | 'set' }) {
  const [mode, setMode] = useState<'adjust' | 'set'>(initialMode);
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) => stockChangeFromForm({ mode, quantity: text(data, 'quantity'), reason: text(data, 'reason') }),
    request: (change) =>
      change.mode === 'adjust'
        ? { method: 'POST', path: `inventory/${encodeURIComponent(sku)}/adjustments`, payload: change.body, success: 'Stock adjusted' }
        : { method: 'PUT', path: `inventory/${encodeURIComponent(sku)}`, payload: change.body, success: 'On-hand count set' },
    fieldMap: STOCK_CHANGE_FIELD_MAP,
    fields: ['quantity', 'reason'],
    labels: stockChangeLabels(mode),
  });

  return (
    <form className="card" style={{ padding: 20 }} onSubmit={onSubmit} noValidate aria-labelledby="stock-change">
      <h2 id="stock-change" style={{ marginTop: 0 }}>
        Change stock
      </h2>
      {errors[FORM_LEVEL] && (
        <p className="notice notice-error" role="alert">
          {errors[FORM_LEVEL]}
        </p>
      )}
      <SelectField
        name="mode"
        label="Change"
        required
        value={mode}
        onChange={(value) => setMode(value === 'set' ? 'set' : 'adjust')}
        options={[
          { value: 'adjust', label: 'Adjust by (+/−)' },
          { value: 'set', label: 'Set on hand to' },
        ]}
      />
      <TextField name="quantity" label={stockChangeLabels(mode).quantity} inputMode="numeric" required error={errors.quantity} hint={mode === 'adjust' ? 'e.g. 12 for a delivery, -2 for damage' : undefined} />
      <TextField name="reason" label={stockChangeLabels(mode).reason} required={mode === 'adjust'} error={errors.reason} hint="Delivery, damage, recount…" />
      <Button type="submit" busy={busy}>
        {mode === 'adjust' ? 'Adjust stock' : 'Set on hand'}
      </Button>
    </form>
  );
}

/** The SKU's sale limit with its live figures; set it by hand, or remove it (asks first). */
export function SaleLimitPanel({ sku, saleLimit }: { sku: string; saleLimit: SaleLimit | null }) {
  const localTimeHint = useLocalTimeHint();
  const { busy, send } = useConsoleAction();
  const [confirming, setConfirming] = useState(false);
  const path = `inventory/${encodeURIComponent(sku)}/sale-limit`;
  const form = useContractForm({
    read: (data) =>
      saleLimitFromForm({
        perCustomer: text(data, 'perCustomer'),
        units: text(data, 'units'),
        startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
        endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
      }),
    request: () => ({ method: 'PUT', path, success: 'Sale limit saved' }),
    fieldMap: {},
    fields: SALE_LIMIT_FIELDS,
    labels: SALE_LIMIT_LABELS,
    // The page shows the saved limit (the form is keyed by it): nothing to clear.
    onSaved: () => undefined,
  });
  const errors = form.errors;

  async function remove() {
    const outcome = await send('DELETE', path, undefined, 'Sale limit removed');
    if (outcome.ok) setConfirming(false);
  }

  const offset = browserOffset();
  return (
    <section className="card" style={{ padding: 20 }} aria-labelledby="sale-limit">
      <h2 id="sale-limit" style={{ marginTop: 0 }}>
        Sale limit
      </h2>
      {saleLimit ? (
        <p data-testid="sale-limit-figures">
          At most <strong>{saleLimit.perCustomer}</strong> per customer
          {saleLimit.units !== null ? (
            <>
              ; <strong>{saleLimit.unitsTaken}</strong> of <strong>{saleLimit.units}</strong> units taken, <strong>{saleLimit.unitsRemaining}</strong> left
            </>
          ) : null}
          .
        </p>
      ) : (
        <p className="muted">No sale limit: shoppers hold this SKU within the usual bounds.</p>
      )}
      {errors[FORM_LEVEL] && (
        <p className="notice notice-error" role="alert">
          {errors[FORM_LEVEL]}
        </p>
      )}
      <form onSubmit={form.onSubmit} noValidate key={JSON.stringify(saleLimit)}>
        <TextField name="perCustomer" label={SALE_LIMIT_LABELS.perCustomer} inputMode="numeric" required defaultValue={saleLimit?.perCustomer ?? ''} error={errors.perCustomer} />
        <TextField name="units" label={SALE_LIMIT_LABELS.units} inputMode="numeric" defaultValue={saleLimit?.units ?? ''} error={errors.units} hint="Empty: the whole stock" />
        <TextField name="startsAt" label={SALE_LIMIT_LABELS.startsAt} type="datetime-local" step="1" defaultValue={saleLimit?.startsAt ? isoToLocalInput(saleLimit.startsAt, offset) : ''} error={errors.startsAt} hint={localTimeHint} />
        <TextField name="endsAt" label={SALE_LIMIT_LABELS.endsAt} type="datetime-local" step="1" defaultValue={saleLimit?.endsAt ? isoToLocalInput(saleLimit.endsAt, offset) : ''} error={errors.endsAt} hint={localTimeHint} />
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="submit" busy={form.busy}>
            Save sale limit
          </Button>
          {saleLimit ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Remove sale limit
            </Button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog open={confirming} title={`Remove the sale limit of ${sku}?`} confirmLabel="Remove sale limit" destructive busy={busy} onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
        <p>Shoppers will hold this SKU as before, without the per-customer limit or the sale allocation. A flash sale of this SKU should be cancelled instead.</p>
      </ConfirmDialog>
    </section>
  );
}
