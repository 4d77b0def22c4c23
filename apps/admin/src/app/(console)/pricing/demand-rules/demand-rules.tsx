'use client';

import type { DemandRule } from '@shop/contracts';
import { Button, ConfirmDialog, DataTable, EmptyState, TextField, formatMinorUnits, type ColumnDef } from '@shop/ui';
import Link from 'next/link';
import { useState } from 'react';
import { DEMAND_RULE_FIELDS, DEMAND_RULE_LABELS, demandRuleFromForm } from '../../../../lib/merch/pricing-forms';
import { useConsoleAction } from '../../../../lib/merch/use-console-action';
import { useContractForm } from '../../../../lib/merch/use-contract-form';
import { text } from '../form-bits';
import { FormCard } from '../../../../components/form-card';
import { formatDateTime } from '../../../../lib/format-time';

export function DemandRuleForm() {
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) =>
      demandRuleFromForm({
      sku: text(data, 'sku'),
      currency: text(data, 'currency'),
      floor: text(data, 'floor'),
      ceiling: text(data, 'ceiling'),
      stepPercent: text(data, 'stepPercent'),
      intervalMinutes: text(data, 'intervalMinutes'),
      raiseAbovePerHour: text(data, 'raiseAbovePerHour'),
      lowerBelowPerHour: text(data, 'lowerBelowPerHour'),
    }),
    request: (rule) => ({ method: 'POST', path: 'demand-rules', success: `Demand rule for ${rule.sku} created` }),
    fieldMap: {},
    fields: DEMAND_RULE_FIELDS,
    labels: DEMAND_RULE_LABELS,
  });

  return (
    <FormCard id="new-rule" title="New demand rule" errors={errors} onSubmit={onSubmit} busy={busy} submitLabel="Create rule">
      <TextField name="sku" label="SKU" required error={errors.sku} />
      <TextField name="currency" label="Currency (the SKU's)" defaultValue="EUR" required error={errors.currency} />
      <TextField name="floor" label="Floor price" inputMode="decimal" required error={errors.floor} />
      <TextField name="ceiling" label="Ceiling price" inputMode="decimal" required error={errors.ceiling} />
      <TextField name="raiseAbovePerHour" label="Raise above (units/hour)" inputMode="decimal" required error={errors.raiseAbovePerHour} />
      <TextField name="lowerBelowPerHour" label="Lower below (units/hour)" inputMode="decimal" required error={errors.lowerBelowPerHour} />
      <TextField name="stepPercent" label="Step (%)" inputMode="numeric" error={errors.stepPercent} hint="5 when empty" />
      <TextField name="intervalMinutes" label="At most every (minutes)" inputMode="numeric" error={errors.intervalMinutes} hint="15 when empty" />
    </FormCard>
  );
}

/** The rules with their price now; the kill switch asks first (the price drops back to the list price at once). */
export function DemandRuleTable({ rules, currencies }: { rules: DemandRule[]; currencies: Record<string, string> }) {
  const { busy, send } = useConsoleAction();
  const [killing, setKilling] = useState<DemandRule | null>(null);

  async function setEnabled(rule: DemandRule, enabled: boolean) {
    const outcome = await send('PATCH', `demand-rules/${rule.id}`, { enabled }, `Demand pricing of ${rule.sku} ${enabled ? 'switched on' : 'switched off'}`);
    if (outcome.ok) setKilling(null);
  }

  // Amounts are in the SKU's currency (the rule does not carry it; the page looked it up).
  const money = (rule: DemandRule) => (amount: number | null) => (amount === null ? '—' : formatMinorUnits(amount, currencies[rule.sku] ?? 'EUR'));
  const columns: ColumnDef<DemandRule>[] = [
    { id: 'sku', header: 'SKU', cell: ({ row }) => <Link href={`/pricing/demand-rules/${row.original.id}`}>{row.original.sku}</Link> },
    { id: 'range', header: 'Floor – ceiling', meta: { numeric: true }, cell: ({ row }) => `${money(row.original)(row.original.floor)} – ${money(row.original)(row.original.ceiling)}` },
    { id: 'current', header: 'Price now', meta: { numeric: true }, cell: ({ row }) => money(row.original)(row.original.currentPrice) },
    { id: 'rates', header: 'Lower / raise at', cell: ({ row }) => `< ${row.original.lowerBelowPerHour}/h, > ${row.original.raiseAbovePerHour}/h by ${row.original.stepPercent}%` },
    { id: 'evaluated', header: 'Last evaluated', cell: ({ row }) => formatDateTime(row.original.lastEvaluatedAt) },
    { id: 'enabled', header: 'State', cell: ({ row }) => <span className={row.original.enabled ? 'badge badge-good' : 'badge badge-bad'}>{row.original.enabled ? 'On' : 'Off'}</span> },
    {
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) =>
        row.original.enabled ? (
          <Button variant="danger" small onClick={() => setKilling(row.original)} aria-label={`Switch off demand pricing of ${row.original.sku}`}>
            Kill switch
          </Button>
        ) : (
          <Button variant="secondary" small busy={busy} onClick={() => void setEnabled(row.original, true)}>
            Switch on
          </Button>
        ),
    },
  ];
  return (
    <>
      <DataTable caption="Demand-pricing rules" columns={columns} data={rules} getRowId={(r) => r.id} empty={<EmptyState title="No demand rule yet">Create one above.</EmptyState>} />
      <ConfirmDialog
        open={killing !== null}
        title={`Switch off demand pricing of ${killing?.sku ?? ''}?`}
        confirmLabel="Switch off"
        destructive
        busy={busy}
        onConfirm={() => killing && void setEnabled(killing, false)}
        onCancel={() => setKilling(null)}
      >
        <p>The list price applies again at once. The change log keeps what the rule did.</p>
      </ConfirmDialog>
    </>
  );
}
