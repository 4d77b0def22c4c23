'use client';

import type { Promotion, PromotionBenefit, PromotionTarget } from '@shop/contracts';
import { Button, ConfirmDialog, DataTable, EmptyState, SelectField, TextField, formatMoney, type ColumnDef } from '@shop/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../../components/form-card';
import { isoToLocalInput, localInputToIso, refusalErrors } from '../../../../lib/merch/form-mapping';
import { PROMOTION_CHANGE_FIELDS, PROMOTION_FIELD_MAP, PROMOTION_FIELDS, PROMOTION_LABELS, promotionChangeFromForm, promotionFromForm } from '../../../../lib/merch/pricing-forms';
import { useConsoleAction } from '../../../../lib/merch/use-console-action';
import { useContractForm } from '../../../../lib/merch/use-contract-form';
import { CheckboxField, browserOffset, checked, text } from '../form-bits';
import { FormCard } from '../../../../components/form-card';
import { formatDateTime } from '../../../../lib/format-time';
import { useLocalTimeHint } from '../../../../lib/use-local-time-hint';
import type { CategoryOption } from '../../../../lib/products/category-options';

/** Names the list shows for promotion targets: category labels and product titles by id. */
export interface TargetNames {
  categories: Record<string, string>;
  products: Record<string, string>;
}

const TARGET_HINTS: Record<PromotionTarget['kind'], string | null> = {
  sku: 'SKUs, separated by commas',
  product: "Product slugs (as in the product's address, e.g. organic-tee), separated by commas",
  category: 'Each with every category under it',
  cart: null,
};

function benefitText(benefit: PromotionBenefit): string {
  switch (benefit.kind) {
    case 'percent_off':
      return `${benefit.percent}% off`;
    case 'amount_off':
      return `${formatMoney(benefit.amount)} off`;
    case 'buy_x_get_y':
      return `Buy ${benefit.buy}, get ${benefit.get} free`;
    default:
      return 'Free shipping';
  }
}

/** Known names, else a count (a target no longer in the catalog, or too many to look up). */
function namedOr(ids: readonly string[], names: Record<string, string>, count: string): string {
  return ids.every((id) => id in names) ? ids.map((id) => names[id]).join(', ') : count;
}

function targetText(target: PromotionTarget, names: TargetNames): string {
  switch (target.kind) {
    case 'sku':
      return `SKUs ${target.skus.join(', ')}`;
    case 'product':
      return `Products: ${namedOr(target.productIds, names.products, `${target.productIds.length} product(s)`)}`;
    case 'category':
      return `Categories: ${namedOr(target.categoryIds, names.categories, `${target.categoryIds.length} categor${target.categoryIds.length === 1 ? 'y' : 'ies'}`)}`;
    default:
      return 'Whole cart';
  }
}

/** Every kind of promotion of the contract: target sku/product/category/cart; percent, amount, buy X get Y, free shipping. */
export function PromotionForm({ categories }: { categories: CategoryOption[] }) {
  const localTimeHint = useLocalTimeHint();
  const [targetKind, setTargetKind] = useState<PromotionTarget['kind']>('sku');
  const [benefitKind, setBenefitKind] = useState<PromotionBenefit['kind']>('percent_off');
  const { busy, errors, onSubmit } = useContractForm({
    read: (data) =>
      promotionFromForm({
      name: text(data, 'name'),
      targetKind,
      // The category picker ticks ids; the other targets are typed.
      targetIds: targetKind === 'category' ? data.getAll('targetIds').map(String).join(',') : text(data, 'targetIds'),
      benefitKind,
      percent: text(data, 'percent'),
      amount: text(data, 'amount'),
      currency: text(data, 'currency'),
      buy: text(data, 'buy'),
      get: text(data, 'get'),
      minSubtotal: text(data, 'minSubtotal'),
      startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
      endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
      priority: text(data, 'priority'),
      exclusive: checked(data, 'exclusive'),
      active: checked(data, 'active'),
    }),
    request: (promotion) => ({ method: 'POST', path: 'promotions', success: `Promotion ${promotion.name} created` }),
    fieldMap: PROMOTION_FIELD_MAP,
    fields: PROMOTION_FIELDS,
    labels: PROMOTION_LABELS,
  });

  const hint = TARGET_HINTS[targetKind];
  return (
    <FormCard
      id="new-promotion"
      title="New promotion"
      errors={errors}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel="Create promotion"
      after={
        <>
          <CheckboxField name="exclusive" label="Exclusive (nothing else applies to its lines)" />
          <CheckboxField name="active" label="Active" defaultChecked />
        </>
      }
    >
      <TextField name="name" label="Name" required error={errors.name} />
      <SelectField
        name="targetKind"
        label="Applies to"
        required
        value={targetKind}
        onChange={(v) => setTargetKind(v as PromotionTarget['kind'])}
        error={errors.targetKind}
        options={[
          { value: 'sku', label: 'SKUs' },
          { value: 'product', label: 'Products' },
          { value: 'category', label: 'Categories' },
          { value: 'cart', label: 'The whole cart' },
        ]}
      />
      {targetKind === 'category' ? (
        <CategoryPicker categories={categories} error={errors.targetIds} hint={hint} />
      ) : hint ? (
        <TextField key={targetKind} name="targetIds" label="Targets" required error={errors.targetIds} hint={hint} />
      ) : null}
      <SelectField
        name="benefitKind"
        label="Benefit"
        required
        value={benefitKind}
        onChange={(v) => setBenefitKind(v as PromotionBenefit['kind'])}
        error={errors.benefitKind}
        options={[
          { value: 'percent_off', label: 'Percent off' },
          { value: 'amount_off', label: 'Amount off' },
          { value: 'buy_x_get_y', label: 'Buy X get Y free' },
          { value: 'free_shipping', label: 'Free shipping' },
        ]}
      />
      {benefitKind === 'percent_off' ? <TextField name="percent" label="Percent" inputMode="numeric" required error={errors.percent} /> : null}
      {benefitKind === 'amount_off' ? <TextField name="amount" label="Amount off" inputMode="decimal" required error={errors.amount} hint={targetKind === 'cart' ? 'Once per cart' : 'Per unit'} /> : null}
      {benefitKind === 'buy_x_get_y' ? (
        <>
          <TextField name="buy" label="Buy" inputMode="numeric" required error={errors.buy} />
          <TextField name="get" label="Get free" inputMode="numeric" required error={errors.get} />
        </>
      ) : null}
      <TextField name="currency" label="Currency" defaultValue="EUR" required error={errors.currency} hint="Of the amounts" />
      <TextField name="minSubtotal" label="Minimum subtotal" inputMode="decimal" error={errors.minSubtotal} />
      <TextField name="priority" label="Priority" inputMode="numeric" error={errors.priority} hint="Highest runs first" />
      <TextField name="startsAt" label="Starts" type="datetime-local" step="1" error={errors.startsAt} hint={localTimeHint} />
      <TextField name="endsAt" label="Ends" type="datetime-local" step="1" error={errors.endsAt} hint={localTimeHint} />
    </FormCard>
  );
}

/** The catalog's categories to tick, in tree order, each indented under its parent. */
function CategoryPicker({ categories, error, hint }: { categories: CategoryOption[]; error?: string; hint: string | null }) {
  if (categories.length === 0) return <p className="field-error">The catalog has no category yet (or cannot be reached): choose another target.</p>;
  return (
    <fieldset className="field" aria-describedby={error ? 'target-categories-hint target-categories-error' : 'target-categories-hint'}>
      <legend>Categories</legend>
      <div style={{ maxHeight: 240, overflowY: 'auto' }}>
        {categories.map((category) => {
          const path = category.label.split(' › ');
          return (
            <label key={category.id} style={{ display: 'flex', alignItems: 'center', gap: 6, margin: 0, fontWeight: 'normal', paddingLeft: `${(path.length - 1) * 1.25}em` }}>
              <input type="checkbox" name="targetIds" value={category.id} aria-label={category.label} style={{ width: 'auto', margin: 0 }} /> {path[path.length - 1]}
            </label>
          );
        })}
      </div>
      <p className="field-hint" id="target-categories-hint">
        {hint}
      </p>
      {error ? (
        <p className="field-error" id="target-categories-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * Changes a promotion's name, priority, window, exclusivity and state in a modal dialog (what it
 * applies to and what it gives are shown, not offered: pricing keeps them as created). Only what
 * changed is sent; a refusal shows on its field, or above the fields (an active twin), with the dialog open.
 */
function PromotionEditDialog({ promotion, names, onClose }: { promotion: Promotion; names: TargetNames; onClose: () => void }) {
  const localTimeHint = useLocalTimeHint();
  const { busy, send } = useConsoleAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const formId = `edit-promotion-${promotion.id}`;
  const id = (name: string) => `${formId}-${name}`;
  const local = (iso: string | null) => (iso ? isoToLocalInput(iso, browserOffset()) : undefined);

  // The dialog focuses its Cancel button as it opens (its effect runs first); an edit starts on its first field.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const checkedForm = promotionChangeFromForm(
      {
        name: text(data, 'name'),
        priority: text(data, 'priority'),
        startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
        endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
        exclusive: checked(data, 'exclusive'),
        active: checked(data, 'active'),
      },
      promotion,
    );
    if (!checkedForm.ok) return setErrors(checkedForm.fieldErrors);
    setErrors({});
    const outcome = await send('PATCH', `promotions/${promotion.id}`, checkedForm.body, `Promotion ${checkedForm.body.name ?? promotion.name} updated`);
    if (outcome.ok) onClose();
    else setErrors(refusalErrors(outcome, {}, PROMOTION_CHANGE_FIELDS));
  }

  return (
    <ConfirmDialog open title={`Edit promotion ${promotion.name}`} confirmLabel="Save changes" busy={busy} onConfirm={() => form.current?.requestSubmit()} onCancel={onClose}>
      <form ref={form} id={formId} onSubmit={(event) => void onSubmit(event)} noValidate aria-label={`Edit promotion ${promotion.name}`}>
        <dl className="muted" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: '0 0 8px' }}>
          <dt>Applies to</dt>
          <dd style={{ margin: 0 }} data-testid="edit-promotion-target">
            {targetText(promotion.target, names)}
          </dd>
          <dt>Benefit</dt>
          <dd style={{ margin: 0 }} data-testid="edit-promotion-benefit">
            {benefitText(promotion.benefit)}
            {promotion.minSubtotal ? `, from ${formatMoney(promotion.minSubtotal)}` : ''}
          </dd>
        </dl>
        <p className="muted" style={{ marginTop: 0 }}>
          What it applies to and gives cannot change: for another, create a new promotion and pause this one.
        </p>
        <FormAlert errors={errors} />
        <TextField name="name" id={id('name')} label="Name" required error={errors.name} defaultValue={promotion.name} />
        <TextField name="priority" id={id('priority')} label="Priority" inputMode="numeric" error={errors.priority} hint="Highest runs first" defaultValue={String(promotion.priority)} />
        <TextField name="startsAt" id={id('startsAt')} label="Starts" type="datetime-local" step="1" error={errors.startsAt} hint={localTimeHint} defaultValue={local(promotion.startsAt)} />
        <TextField name="endsAt" id={id('endsAt')} label="Ends" type="datetime-local" step="1" error={errors.endsAt} hint={localTimeHint} defaultValue={local(promotion.endsAt)} />
        <CheckboxField name="exclusive" label="Exclusive (nothing else applies to its lines)" defaultChecked={promotion.exclusive} />
        <CheckboxField name="active" label="Active" defaultChecked={promotion.active} />
        {/* Enter in a field saves, as the dialog's button does. */}
        <button type="submit" hidden />
      </form>
    </ConfirmDialog>
  );
}

export function PromotionTable({ promotions, names }: { promotions: Promotion[]; names: TargetNames }) {
  const { busy, send } = useConsoleAction();
  const [deleting, setDeleting] = useState<Promotion | null>(null);
  const [editing, setEditing] = useState<Promotion | null>(null);

  async function remove() {
    if (!deleting) return;
    const outcome = await send('DELETE', `promotions/${deleting.id}`, undefined, `Promotion ${deleting.name} deleted`);
    if (outcome.ok) setDeleting(null);
  }

  async function toggle(promotion: Promotion) {
    await send('PATCH', `promotions/${promotion.id}`, { active: !promotion.active }, `Promotion ${promotion.name} ${promotion.active ? 'paused' : 'activated'}`);
  }

  const columns: ColumnDef<Promotion>[] = [
    { id: 'name', header: 'Name', cell: ({ row }) => row.original.name },
    { id: 'target', header: 'Applies to', cell: ({ row }) => targetText(row.original.target, names) },
    { id: 'benefit', header: 'Benefit', cell: ({ row }) => benefitText(row.original.benefit) },
    { id: 'priority', header: 'Priority', meta: { numeric: true }, cell: ({ row }) => `${row.original.priority}${row.original.exclusive ? ' (exclusive)' : ''}` },
    { id: 'window', header: 'Window', cell: ({ row }) => `${formatDateTime(row.original.startsAt)} → ${formatDateTime(row.original.endsAt)}` },
    { id: 'active', header: 'State', cell: ({ row }) => <span className={row.original.active ? 'badge badge-good' : 'badge'}>{row.original.active ? 'Active' : 'Paused'}</span> },
    {
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <span style={{ display: 'flex', gap: 8 }}>
          <Button variant="secondary" small onClick={() => setEditing(row.original)} aria-label={`Edit promotion ${row.original.name}`}>
            Edit
          </Button>
          <Button variant="secondary" small busy={busy} onClick={() => void toggle(row.original)}>
            {row.original.active ? 'Pause' : 'Activate'}
          </Button>
          <Button variant="danger" small onClick={() => setDeleting(row.original)} aria-label={`Delete promotion ${row.original.name}`}>
            Delete
          </Button>
        </span>
      ),
    },
  ];
  return (
    <>
      <DataTable caption="Promotions" columns={columns} data={promotions} getRowId={(p) => p.id} empty={<EmptyState title="No promotion yet">Create one above.</EmptyState>} />
      <ConfirmDialog open={deleting !== null} title={`Delete the promotion ${deleting?.name ?? ''}?`} confirmLabel="Delete promotion" destructive busy={busy} onConfirm={() => void remove()} onCancel={() => setDeleting(null)}>
        <p>Carts and quotes stop getting it at once. Pausing it keeps it for later instead.</p>
      </ConfirmDialog>
      {editing ? <PromotionEditDialog key={editing.id} promotion={editing} names={names} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
