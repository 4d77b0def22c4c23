'use client';

import { minorUnitsToInput, type FlashSale } from '@shop/contracts';
import { Button, ConfirmDialog, TextField, formatMoney } from '@shop/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/form-card';
import { isoToLocalInput, localInputToIso, refusalErrors } from '../../../lib/merch/form-mapping';
import { FLASH_SALE_CHANGE_FIELDS, FLASH_SALE_FIELD_MAP, FLASH_SALE_LABELS, flashSaleChangeFromForm, flashSaleRefusalInWords } from '../../../lib/merch/pricing-forms';
import { inSentences } from '../../../lib/problem';
import { useConsoleAction } from '../../../lib/merch/use-console-action';
import { useLocalTimeHint } from '../../../lib/use-local-time-hint';

const text = (data: FormData, name: string) => String(data.get(name) ?? '');
const browserOffset = () => -new Date().getTimezoneOffset();

/**
 * "Edit" for a scheduled sale, and its dialog: price, units, per-customer limit and window,
 * prefilled (the SKU stays). Only what changed is sent; pricing's refusals show on their fields
 * (stock, overlaps, the regular price) or above them (the sale opened meanwhile), the dialog open.
 */
export function EditFlashSale({ sale, small = false }: { sale: FlashSale; small?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" small={small} onClick={() => setOpen(true)} aria-label={`Edit the sale of ${sale.sku}`}>
        Edit
      </Button>
      {open ? <FlashSaleEditDialog key={`${sale.id}:${sale.startsAt}:${sale.endsAt}:${sale.unitsTotal}`} sale={sale} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function FlashSaleEditDialog({ sale, onClose }: { sale: FlashSale; onClose: () => void }) {
  const localTimeHint = useLocalTimeHint();
  const { busy, send } = useConsoleAction();
  const [errors, setShownErrors] = useState<Record<string, string>>({});
  // Said as sentences naming their field ("Sale price: “1.234” is ambiguous — …").
  const setErrors = (found: Record<string, string>) => setShownErrors(inSentences(found, FLASH_SALE_LABELS));
  const form = useRef<HTMLFormElement>(null);
  const formId = `edit-sale-${sale.id}`;
  const id = (name: string) => `${formId}-${name}`;
  const offset = browserOffset();

  // The dialog focuses its Cancel button as it opens (its effect runs first); an edit starts on its first field.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const checked = flashSaleChangeFromForm(
      {
        salePrice: text(data, 'salePrice'),
        units: text(data, 'units'),
        perCustomerLimit: text(data, 'perCustomerLimit'),
        startsAt: localInputToIso(text(data, 'startsAt'), browserOffset()) ?? '',
        endsAt: localInputToIso(text(data, 'endsAt'), browserOffset()) ?? '',
      },
      sale,
      new Date(),
    );
    if (!checked.ok) return setErrors(checked.fieldErrors);
    setErrors({});
    const outcome = await send('PATCH', `flash-sales/${sale.id}`, checked.body, `Flash sale of ${sale.sku} updated`);
    if (outcome.ok) onClose();
    else setErrors(refusalErrors(flashSaleRefusalInWords(outcome), FLASH_SALE_FIELD_MAP, FLASH_SALE_CHANGE_FIELDS));
  }

  return (
    <ConfirmDialog open title={`Edit the flash sale of ${sale.sku}`} confirmLabel="Save changes" busy={busy} onConfirm={() => form.current?.requestSubmit()} onCancel={onClose}>
      <form ref={form} id={formId} onSubmit={(event) => void onSubmit(event)} noValidate aria-label={`Edit the flash sale of ${sale.sku}`}>
        <p className="muted" style={{ marginTop: 0 }}>
          {sale.title} ({sale.sku}), regularly {formatMoney(sale.listPrice)}. It can be changed until it opens.
        </p>
        <FormAlert errors={errors} />
        <TextField
          name="salePrice"
          id={id('salePrice')}
          label={`Sale price (${sale.salePrice.currency})`}
          inputMode="decimal"
          required
          error={errors.salePrice}
          defaultValue={minorUnitsToInput(sale.salePrice.amount, sale.salePrice.currency)}
        />
        <TextField name="units" id={id('units')} label="Units" inputMode="numeric" required error={errors.units} defaultValue={String(sale.unitsTotal)} />
        <TextField name="perCustomerLimit" id={id('perCustomerLimit')} label="Per customer" inputMode="numeric" required error={errors.perCustomerLimit} defaultValue={String(sale.perCustomerLimit)} />
        <TextField name="startsAt" id={id('startsAt')} label="Starts" type="datetime-local" step="1" required error={errors.startsAt} hint={localTimeHint} defaultValue={isoToLocalInput(sale.startsAt, offset)} />
        <TextField name="endsAt" id={id('endsAt')} label="Ends" type="datetime-local" step="1" required error={errors.endsAt} hint={localTimeHint} defaultValue={isoToLocalInput(sale.endsAt, offset)} />
        {/* Enter in a field saves, as the dialog's button does. */}
        <button type="submit" hidden />
      </form>
    </ConfirmDialog>
  );
}
