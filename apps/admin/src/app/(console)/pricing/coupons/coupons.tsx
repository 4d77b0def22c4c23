'use client';

import type { Coupon, CouponDiscount, CouponPage } from '@shop/contracts';
import { Button, ConfirmDialog, DataTable, EmptyState, SelectField, TextField, formatMoney, useTableQuery, type ColumnDef } from '@shop/ui';
import { useState } from 'react';
import { localInputToIso } from '../../../../lib/merch/form-mapping';
import { COUPON_FIELD_MAP, COUPON_FIELDS, couponFromForm, type CouponForm as CouponFormValues } from '../../../../lib/merch/pricing-forms';
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

export function CouponForm() {
  const localTimeHint = useLocalTimeHint();
  const [kind, setKind] = useState<CouponFormValues['kind']>('percent');
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) =>
      couponFromForm({
      code: text(data, 'code'),
      kind,
      value: text(data, 'value'),
      currency: text(data, 'currency'),
      usageLimit: text(data, 'usageLimit'),
      perCustomerLimit: text(data, 'perCustomerLimit'),
      startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
      endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
    }),
    request: (coupon) => ({ method: 'POST', path: 'coupons', success: `Coupon ${coupon.code} created` }),
    fieldMap: COUPON_FIELD_MAP,
    fields: COUPON_FIELDS,
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
      {kind !== 'free_shipping' ? <TextField name="value" label={kind === 'percent' ? 'Percent' : 'Amount'} inputMode="decimal" required error={errors.value} /> : null}
      {kind === 'amount' ? <TextField name="currency" label="Currency" defaultValue="EUR" required error={errors.currency} /> : null}
      <TextField name="usageLimit" label="Uses in total" inputMode="numeric" error={errors.usageLimit} hint="Empty: unlimited" />
      <TextField name="perCustomerLimit" label="Uses per customer" inputMode="numeric" error={errors.perCustomerLimit} />
      <TextField name="startsAt" label="Starts" type="datetime-local" step="1" error={errors.startsAt} hint={localTimeHint} />
      <TextField name="endsAt" label="Ends" type="datetime-local" step="1" error={errors.endsAt} hint={localTimeHint} />
    </FormCard>
  );
}

export function CouponTable({ page }: { page: CouponPage }) {
  const query = useTableQuery();
  const { busy, send } = useConsoleAction();
  const [switchingOff, setSwitchingOff] = useState<Coupon | null>(null);

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
      cell: ({ row }) =>
        row.original.active ? (
          <Button variant="danger" small onClick={() => setSwitchingOff(row.original)} aria-label={`Switch off coupon ${row.original.code}`}>
            Switch off
          </Button>
        ) : (
          <Button variant="secondary" small busy={busy} onClick={() => void setActive(row.original, true)}>
            Switch on
          </Button>
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
    </>
  );
}
