import { AdjustStockBody, SaleLimitBody, SetStockBody } from '@shop/contracts';
import { formToBody, readWhole, type FormResult } from './form-mapping';

/** The SKU page's stock form: a change by a delta (with its reason) or a new on-hand count. */
export interface StockChangeForm {
  mode: 'adjust' | 'set';
  /** The delta ("-3", "12") or the new on-hand count ("40"). */
  quantity: string;
  reason: string;
}

export type StockChange = { mode: 'adjust'; body: AdjustStockBody } | { mode: 'set'; body: SetStockBody };

const STOCK_FIELDS = ['quantity', 'reason'] as const;

export function stockChangeFromForm(form: StockChangeForm): FormResult<StockChange> {
  const reason = form.reason.trim();
  if (form.mode === 'adjust') {
    const result = formToBody(
      AdjustStockBody,
      (problem) => ({ delta: readWhole(form.quantity, 'quantity', problem, { allowNegative: true }), reason }),
      { delta: 'quantity' },
      STOCK_FIELDS,
    );
    return result.ok ? { ok: true, body: { mode: 'adjust', body: result.body } } : result;
  }
  const result = formToBody(
    SetStockBody,
    (problem) => ({ onHand: readWhole(form.quantity, 'quantity', problem), ...(reason === '' ? {} : { reason }) }),
    { onHand: 'quantity' },
    STOCK_FIELDS,
  );
  return result.ok ? { ok: true, body: { mode: 'set', body: result.body } } : result;
}

/**
 * The labels of the stock form's fields, by mode: the field shows under them, and its problems
 * are said with them ("On hand must be at least 0.", "Reason must not be empty.").
 */
export function stockChangeLabels(mode: StockChangeForm['mode']): { quantity: string; reason: string } {
  return { quantity: mode === 'adjust' ? 'Units (+ or −)' : 'On hand', reason: 'Reason' };
}

/** Where the API's answer to a stock change lands on the form. */
export const STOCK_CHANGE_FIELD_MAP = { delta: 'quantity', onHand: 'quantity' } as const;

/** The SKU page's sale-limit form (the limits a flash sale sets, editable by hand). */
export interface SaleLimitForm {
  perCustomer: string;
  /** Empty: the whole stock. */
  units: string;
  /** ISO instants or empty. */
  startsAt: string;
  endsAt: string;
}

export const SALE_LIMIT_FIELDS = ['perCustomer', 'units', 'startsAt', 'endsAt'] as const;
export const SALE_LIMIT_LABELS = { perCustomer: 'Per customer', units: 'Units in the sale', startsAt: 'Starts', endsAt: 'Ends' } as const;

export function saleLimitFromForm(form: SaleLimitForm): FormResult<SaleLimitBody> {
  return formToBody(
    SaleLimitBody,
    (problem) => ({
      perCustomer: readWhole(form.perCustomer, 'perCustomer', problem),
      ...optional('units', readWhole(form.units, 'units', problem, { optional: true })),
      ...optional('startsAt', form.startsAt.trim() || undefined),
      ...optional('endsAt', form.endsAt.trim() || undefined),
    }),
    {},
    SALE_LIMIT_FIELDS,
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
