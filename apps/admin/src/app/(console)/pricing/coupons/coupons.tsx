'use client';

import type { Coupon, CouponDiscount, CouponPage } from '@shop/contracts';
import { Button, ConfirmDialog, DataTable, EmptyState, SelectField, TextField, formatMoney, useTableQuery, type ColumnDef } from '@shop/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../../components/form-card';
import { isoToLocalInput, localInputToIso, refusalErrors, withNamedField } from '../../../../lib/merch/form-mapping';
import {
  COUPON_CHANGE_FIELD_MAP,
  COUPON_CHANGE_FIELDS,
  COUPON_FIELD_MAP,
  COUPON_FIELDS,
  couponChangeFromForm,
  couponFromForm,
  couponLabels,
  couponRefusalInWords,
  couponValueInput,
  type CouponChangeForm,
  type CouponForm as CouponFormValues,
} from '../../../../lib/merch/pricing-forms';
import { inSentences } from '../../../../lib/problem';
import { useConsoleAction } from '../../../../lib/merch/use-console-action';
import { useContractForm } from '../../../../lib/merch/use-contract-form';
import { browserOffset, text } from '../form-bits';
import { FormCard } from '../../../../components/form-card';
import { formatDateTime } from '../../../../lib/format-time';
import { useLocalTimeHint } from '../../../../lib/use-local-time-hint';

function discountText(discount: CouponDiscount): string {
  if ('percentOff' in discount) return `${discount.percentOff}% off`;
  if ('amountOff' in discount) return `${formatMoney(discount.amountOff)} off`;
  return 'Free shipping';
}

function kindOf(discount: CouponDiscount): CouponFormValues['kind'] {
  return 'percentOff' in discount ? 'percent' : 'amountOff' in discount ? 'amount' : 'free_shipping';
}

/**
 * A coupon's limits and window as the forms read them: the texts typed, the times (datetime-local,
 * the browser's local time) as ISO instants ('' when empty).
 */
function readLimits(data: FormData): Omit<CouponChangeForm, 'value'> {
  return {
    usageLimit: text(data, 'usageLimit'),
    perCustomerLimit: text(data, 'perCustomerLimit'),
    startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
    endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
  };
}

/**
 * The limit and window fields of a coupon, in the create form and in the edit dialog (`idPrefix`
 * keeps their ids apart on the one page; `initial` prefills them, times in the browser's zone).
 */
function CouponLimitFields({ errors, idPrefix, initial }: { errors: Record<string, string>; idPrefix?: string; initial?: Coupon }) {
  const localTimeHint = useLocalTimeHint();
  const id = (name: string) => (idPrefix ? `${idPrefix}-${name}` : undefined);
  const local = (iso: string | null | undefined) => (iso ? isoToLocalInput(iso, browserOffset()) : undefined);
  return (
    <>
      <TextField name="usageLimit" id={id('usageLimit')} label="Uses in total" inputMode="numeric" error={errors.usageLimit} hint="Empty: unlimited" defaultValue={initial?.usageLimit ?? undefined} />
      <TextField
        name="perCustomerLimit"
        id={id('perCustomerLimit')}
        label="Uses per customer"
        inputMode="numeric"
        error={errors.perCustomerLimit}
        hint="Empty: no limit"
        defaultValue={initial?.perCustomerLimit ?? undefined}
      />
      <TextField name="startsAt" id={id('startsAt')} label="Starts" type="datetime-local" step="1" error={errors.startsAt} hint={localTimeHint} defaultValue={local(initial?.startsAt)} />
      <TextField name="endsAt" id={id('endsAt')} label="Ends" type="datetime-local" step="1" error={errors.endsAt} hint={localTimeHint} defaultValue={local(initial?.endsAt)} />
    </>
  );
}

export function CouponForm() {
  const [kind, setKind] = useState<CouponFormValues['kind']>('percent');
  const labels = couponLabels(kind);
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) =>
      couponFromForm({
      code: text(data, 'code'),
      kind,
      value: text(data, 'value'),
      currency: text(data, 'currency'),
      ...readLimits(data),
    }),
    request: (coupon) => ({ method: 'POST', path: 'coupons', success: `Coupon ${coupon.code} created` }),
    fieldMap: COUPON_FIELD_MAP,
    fields: COUPON_FIELDS,
    labels,
  });

  return (
    <FormCard id="new-coupon" title="New coupon" errors={errors} onSubmit={onSubmit} busy={busy} submitLabel="Create coupon">
      <TextField name="code" label="Code" required error={errors.code} />
      <SelectField
        name="kind"
        label="Discount"
        required
        value={kind}
        onChange={(v) => setKind(v as CouponFormValues['kind'])}
        error={errors.kind}
        options={[
          { value: 'percent', label: 'Percent off' },
          { value: 'amount', label: 'Amount off' },
          { value: 'free_shipping', label: 'Free shipping' },
        ]}
      />
      {kind !== 'free_shipping' ? <TextField name="value" label={labels.value} inputMode="decimal" required error={errors.value} /> : null}
      {kind === 'amount' ? <TextField name="currency" label="Currency" defaultValue="EUR" required error={errors.currency} /> : null}
      <CouponLimitFields errors={errors} />
    </FormCard>
  );
}

/**
 * Changes a coupon's discount value, limits and window in a modal dialog (the code and the kind of
 * discount are shown, not offered: shoppers may already hold it; a new value applies to checkouts
 * from then on, orders placed keep theirs). Only what changed is sent; a refusal shows on its field
 * as a sentence naming it (the total below the uses taken on "Uses in total", a bad window on
 * "Ends", an amount it cannot read on "Amount off") with the dialog open.
 */
function CouponEditDialog({ coupon, onClose }: { coupon: Coupon; onClose: () => void }) {
  const { busy, send } = useConsoleAction();
  const kind = kindOf(coupon.discount);
  const labels = couponLabels(kind);
  const [errors, setShownErrors] = useState<Record<string, string>>({});
  const setErrors = (found: Record<string, string>) => setShownErrors(inSentences(found, labels));
  const form = useRef<HTMLFormElement>(null);
  const formId = `edit-coupon-${coupon.code}`;

  // The dialog focuses its Cancel button as it opens (its effect runs first); an edit starts on its first field.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const checked = couponChangeFromForm({ value: text(data, 'value'), ...readLimits(data) }, coupon);
    if (!checked.ok) return setErrors(checked.fieldErrors);
    setErrors({});
    const outcome = await send('PATCH', `coupons/${encodeURIComponent(coupon.code)}`, checked.body, `Coupon ${coupon.code} updated`);
    if (outcome.ok) onClose();
    else setErrors(refusalErrors(withNamedField(couponRefusalInWords(outcome)), COUPON_CHANGE_FIELD_MAP, COUPON_CHANGE_FIELDS));
  }

  return (
    <ConfirmDialog open title={`Edit coupon ${coupon.code}`} confirmLabel="Save changes" busy={busy} onConfirm={() => form.current?.requestSubmit()} onCancel={onClose}>
      <form ref={form} id={formId} onSubmit={(event) => void onSubmit(event)} noValidate aria-label={`Edit coupon ${coupon.code}`}>
        <dl className="muted" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: '0 0 16px' }}>
          <dt>Code</dt>
          <dd style={{ margin: 0 }}>
            <code data-testid="edit-coupon-code">{coupon.code}</code>
          </dd>
          <dt>Discount</dt>
          <dd style={{ margin: 0 }} data-testid="edit-coupon-discount">
            {discountText(coupon.discount)}
          </dd>
        </dl>
        <FormAlert errors={errors} />
        {'amountOff' in coupon.discount || 'percentOff' in coupon.discount ? (
          <TextField
            name="value"
            id={`${formId}-value`}
            label={'amountOff' in coupon.discount ? `${labels.value} (${coupon.discount.amountOff.currency})` : labels.value}
            inputMode={'amountOff' in coupon.discount ? 'decimal' : 'numeric'}
            required
            error={errors.value}
            hint="Checkouts from now on; orders placed keep their discount"
            defaultValue={couponValueInput(coupon.discount)}
          />
        ) : null}
        <CouponLimitFields errors={errors} idPrefix={formId} initial={coupon} />
        {/* Enter in a field saves, as the dialog's button does. */}
        <button type="submit" hidden />
      </form>
    </ConfirmDialog>
  );
}

export function CouponTable({ page }: { page: CouponPage }) {
  const query = useTableQuery();
  const { busy, send } = useConsoleAction();
  const [switchingOff, setSwitchingOff] = useState<Coupon | null>(null);
  const [editing, setEditing] = useState<Coupon | null>(null);

  async function setActive(coupon: Coupon, active: boolean) {
    const outcome = await send('PATCH', `coupons/${encodeURIComponent(coupon.code)}`, { active }, `Coupon ${coupon.code} ${active ? 'switched on' : 'switched off'}`);
    if (outcome.ok) setSwitchingOff(null);
  }

  const columns: ColumnDef<Coupon>[] = [
    { id: 'code', header: 'Code', cell: ({ row }) => <code>{row.original.code}</code> },
    { id: 'discount', header: 'Discount', cell: ({ row }) => discountText(row.original.discount) },
    { id: 'used', header: 'Used', meta: { numeric: true }, cell: ({ row }) => row.original.used.toLocaleString('en-IE') },
    { id: 'held', header: 'Held', meta: { numeric: true }, cell: ({ row }) => row.original.held.toLocaleString('en-IE') },
    { id: 'limit', header: 'Limit', meta: { numeric: true }, cell: ({ row }) => `${row.original.usageLimit ?? '∞'}${row.original.perCustomerLimit ? ` (${row.original.perCustomerLimit} each)` : ''}` },
    { id: 'window', header: 'Window', cell: ({ row }) => `${formatDateTime(row.original.startsAt)} → ${formatDateTime(row.original.endsAt)}` },
    { id: 'active', header: 'State', cell: ({ row }) => <span className={row.original.active ? 'badge badge-good' : 'badge'}>{row.original.active ? 'On' : 'Off'}</span> },
    {
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <span style={{ display: 'flex', gap: 8 }}>
          <Button variant="secondary" small onClick={() => setEditing(row.original)} aria-label={`Edit coupon ${row.original.code}`}>
            Edit
          </Button>
          {row.original.active ? (
            <Button variant="danger" small onClick={() => setSwitchingOff(row.original)} aria-label={`Switch off coupon ${row.original.code}`}>
              Switch off
            </Button>
          ) : (
            <Button variant="secondary" small busy={busy} onClick={() => void setActive(row.original, true)}>
              Switch on
            </Button>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      <DataTable
        caption="Coupons"
        columns={columns}
        data={page.items}
        getRowId={(c) => c.code}
        empty={<EmptyState title="No coupon yet">Create one above.</EmptyState>}
        pagination={query.pagination(page.nextCursor)}
      />
      <ConfirmDialog
        open={switchingOff !== null}
        title={`Switch off the coupon ${switchingOff?.code ?? ''}?`}
        confirmLabel="Switch off"
        destructive
        busy={busy}
        onConfirm={() => switchingOff && void setActive(switchingOff, false)}
        onCancel={() => setSwitchingOff(null)}
      >
        <p>Shoppers can no longer apply it; checkouts already holding a use finish as they are.</p>
      </ConfirmDialog>
      {editing ? <CouponEditDialog key={editing.code} coupon={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
