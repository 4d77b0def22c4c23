import {
  ENDS_BEFORE_START,
  minorUnitsToInput,
  type Coupon,
  CreateCouponBody,
  type FlashSale,
  type Promotion,
  UpdateFlashSaleBody,
  UpdatePromotionBody,
  CreateDemandRuleBody,
  CreateFlashSaleBody,
  CreatePriceListBody,
  CreatePromotionBody,
  PriceListEntriesBody,
  type PromotionBenefit,
  type PromotionTarget,
  UpdateCouponBody,
} from '@shop/contracts';
import { FORM_LEVEL, formToBody, readMoney, readWhole, type FormResult } from './form-mapping';
import { PromotionDraftBody } from './promotion-targets';

type Problem = (field: string, reason: string) => void;

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const text = (value: string) => value.trim() || undefined;

/** Comma, space or newline separated values ("A-1, B-2"), empty ones dropped. */
export function listOf(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

// --- flash sales ---------------------------------------------------------------------------------

export interface FlashSaleForm {
  sku: string;
  /** "9.99" in `currency`. */
  salePrice: string;
  currency: string;
  units: string;
  perCustomerLimit: string;
  /** ISO instants (the page converts its datetime-local inputs). */
  startsAt: string;
  endsAt: string;
}

export const FLASH_SALE_FIELDS = ['sku', 'salePrice', 'currency', 'units', 'perCustomerLimit', 'startsAt', 'endsAt'] as const;
export const FLASH_SALE_FIELD_MAP = { 'salePrice.amount': 'salePrice', 'salePrice.currency': 'currency', salePrice: 'salePrice' } as const;
/** The labels of a sale's fields, in the schedule form and the edit dialog: its problems are said with them ("Sale price: “1.234” is ambiguous — …"). */
export const FLASH_SALE_LABELS = { sku: 'SKU', salePrice: 'Sale price', currency: 'Currency', units: 'Units', perCustomerLimit: 'Per customer', startsAt: 'Starts', endsAt: 'Ends' } as const;

/**
 * A flash sale to schedule, checked as the API will: the contract (end after start, limit within
 * units, a positive price) and a start not in the past at `now` (the API's words). What only the server knows (the
 * SKU's stock and currency, overlapping sales) comes back as the API's field errors.
 */
export function flashSaleFromForm(form: FlashSaleForm, now: Date): FormResult<CreateFlashSaleBody> {
  const result = formToBody(
    CreateFlashSaleBody,
    (problem) => {
      const currency = form.currency.trim().toUpperCase();
      const startsAt = form.startsAt.trim();
      if (startsAt !== '' && !Number.isNaN(Date.parse(startsAt)) && Date.parse(startsAt) < now.getTime()) problem('startsAt', 'must not be in the past');
      return {
        sku: form.sku.trim().toUpperCase(),
        salePrice: { amount: /^[A-Z]{3}$/.test(currency) ? readMoney(form.salePrice, currency, 'salePrice', problem) : undefined, currency },
        units: readWhole(form.units, 'units', problem),
        perCustomerLimit: readWhole(form.perCustomerLimit, 'perCustomerLimit', problem),
        startsAt,
        endsAt: form.endsAt.trim(),
      };
    },
    FLASH_SALE_FIELD_MAP,
    FLASH_SALE_FIELDS,
  );
  return result;
}

/** What the edit dialog of a scheduled sale asks for (the SKU and currency stay as they are). */
export type FlashSaleChangeForm = Omit<FlashSaleForm, 'sku' | 'currency'>;

export const FLASH_SALE_CHANGE_FIELDS = ['salePrice', 'units', 'perCustomerLimit', 'startsAt', 'endsAt'] as const;

/** Said when an edit changes nothing: nothing is sent. */
export const NOTHING_CHANGED = 'Nothing changed: edit a field first, or cancel.';

/**
 * A scheduled sale's edit as the PATCH body: only the fields that differ from `sale`, checked as the
 * API will on the form's values (the unchanged ones are in the form, prefilled): end after start,
 * per customer within units, a positive price in the sale's currency, a moved start not in the past
 * at `now`. What only pricing knows (stock, overlaps, the regular price, a sale that opened
 * meanwhile) comes back as its refusal.
 */
export function flashSaleChangeFromForm(
  form: FlashSaleChangeForm,
  sale: Pick<FlashSale, 'salePrice' | 'unitsTotal' | 'perCustomerLimit' | 'startsAt' | 'endsAt'>,
  now: Date,
): FormResult<UpdateFlashSaleBody> {
  const result = formToBody(
    UpdateFlashSaleBody,
    (reported) => {
      let problems = 0;
      const problem = (field: string, reason: string) => {
        problems += 1;
        reported(field, reason);
      };
      const amount = readMoney(form.salePrice, sale.salePrice.currency, 'salePrice', problem);
      const units = readWhole(form.units, 'units', problem);
      const perCustomerLimit = readWhole(form.perCustomerLimit, 'perCustomerLimit', problem);
      const startsAt = form.startsAt.trim();
      const endsAt = form.endsAt.trim();
      if (startsAt === '') problem('startsAt', 'is required');
      if (endsAt === '') problem('endsAt', 'is required');
      const startMoved = startsAt !== '' && !sameSecond(startsAt, sale.startsAt);
      if (startMoved && Date.parse(startsAt) < now.getTime()) problem('startsAt', 'must not be in the past');
      if (startsAt !== '' && endsAt !== '' && Date.parse(startsAt) >= Date.parse(endsAt)) problem('endsAt', ENDS_BEFORE_START);
      if (units !== undefined && perCustomerLimit !== undefined && perCustomerLimit > units) problem('perCustomerLimit', 'must not be more than units');
      const body = {
        ...(amount === undefined || amount === sale.salePrice.amount ? {} : { salePrice: { amount, currency: sale.salePrice.currency } }),
        ...(units === undefined || units === sale.unitsTotal ? {} : { units }),
        ...(perCustomerLimit === undefined || perCustomerLimit === sale.perCustomerLimit ? {} : { perCustomerLimit }),
        ...(startMoved ? { startsAt } : {}),
        ...(endsAt === '' || sameSecond(endsAt, sale.endsAt) ? {} : { endsAt }),
      };
      // The contract refuses an empty change ("nothing to change"): said in words, when every field reads well.
      if (problems === 0 && Object.keys(body).length === 0) problem(FORM_LEVEL, NOTHING_CHANGED);
      return body;
    },
    FLASH_SALE_FIELD_MAP,
    FLASH_SALE_CHANGE_FIELDS,
  );
  // A field that could not be read is left out of the body: the contract's "nothing to change" is then no news.
  if (result.ok || !(FORM_LEVEL in result.fieldErrors) || Object.keys(result.fieldErrors).length === 1) return result;
  const { [FORM_LEVEL]: _emptyChange, ...fieldErrors } = result.fieldErrors;
  return { ok: false, fieldErrors };
}

/**
 * A refused sale edit in a merchant's words when the sale is no longer scheduled (it opened, or
 * was cancelled, while the dialog was open: 409 FLASH_SALE_NOT_SCHEDULED); any other refusal as it came.
 */
export function flashSaleRefusalInWords<T extends { message: string; details?: unknown }>(refusal: T): T {
  const details = refusal.details as { status?: unknown } | null | undefined;
  const status = typeof details?.status === 'string' ? details.status : null;
  if (status === null || status === 'scheduled') return refusal;
  return { ...refusal, message: `${notEditableReason(status)} Nothing was changed.` };
}

/** Why a sale in `status` cannot be edited any more, in a merchant's words; null while it is scheduled. */
export function notEditableReason(status: string): string | null {
  switch (status) {
    case 'scheduled':
      return null;
    case 'live':
    case 'sold_out':
      return 'This sale has started: a flash sale can only be changed before it opens (shoppers are buying at its terms). Stop it instead if it must not go on.';
    case 'cancelled':
      return 'This sale was cancelled: it can no longer be changed. Schedule a new one instead.';
    default:
      return 'This sale has ended: it can no longer be changed.';
  }
}

// --- coupons -------------------------------------------------------------------------------------

export interface CouponForm {
  code: string;
  kind: 'percent' | 'amount' | 'free_shipping';
  /** Percent ("10") or amount ("5.00") depending on kind. */
  value: string;
  currency: string;
  usageLimit: string;
  perCustomerLimit: string;
  startsAt: string;
  endsAt: string;
}

export const COUPON_FIELDS = ['code', 'kind', 'value', 'currency', 'usageLimit', 'perCustomerLimit', 'startsAt', 'endsAt'] as const;
export const COUPON_FIELD_MAP = {
  'discount.percentOff': 'value',
  'discount.amountOff.amount': 'value',
  'discount.amountOff.currency': 'currency',
  discount: 'value',
} as const;

/** The labels of a coupon's fields (its value's by the kind of discount): its problems are said with them. */
export function couponLabels(kind: CouponForm['kind']) {
  return {
    code: 'Code',
    kind: 'Discount',
    value: kind === 'amount' ? 'Amount off' : 'Percent off',
    currency: 'Currency',
    usageLimit: 'Uses in total',
    perCustomerLimit: 'Uses per customer',
    startsAt: 'Starts',
    endsAt: 'Ends',
  } as const;
}

/** An amount off typed in `currency`; 0 is no discount (said so, rather than "at least 1" minor unit). */
function readAmountOff(value: string, currency: string, problem: Problem): number | undefined {
  const amount = readMoney(value, currency, 'value', problem);
  if (amount === 0) problem('value', 'must be more than 0');
  return amount;
}

export function couponFromForm(form: CouponForm): FormResult<CreateCouponBody> {
  return formToBody(
    CreateCouponBody,
    (problem) => {
      const currency = form.currency.trim().toUpperCase();
      const discount =
        form.kind === 'percent'
          ? { percentOff: readWhole(form.value, 'value', problem) }
          : form.kind === 'amount'
            ? { amountOff: { amount: /^[A-Z]{3}$/.test(currency) ? readAmountOff(form.value, currency, problem) : undefined, currency } }
            : { freeShipping: true };
      return {
        code: form.code,
        discount,
        ...optional('usageLimit', readWhole(form.usageLimit, 'usageLimit', problem, { optional: true })),
        ...optional('perCustomerLimit', readWhole(form.perCustomerLimit, 'perCustomerLimit', problem, { optional: true })),
        ...optional('startsAt', text(form.startsAt)),
        ...optional('endsAt', text(form.endsAt)),
      };
    },
    COUPON_FIELD_MAP,
    COUPON_FIELDS,
  );
}

/**
 * What the edit dialog of a coupon asks for: its discount's value (a percentage, or an amount in
 * the coupon's currency; a free-shipping coupon has none), its limits and window. The code, the
 * kind of discount and its currency stay as they are.
 */
export type CouponChangeForm = Pick<CouponForm, 'value' | 'usageLimit' | 'perCustomerLimit' | 'startsAt' | 'endsAt'>;

export const COUPON_CHANGE_FIELDS = ['value', 'usageLimit', 'perCustomerLimit', 'startsAt', 'endsAt'] as const;
export const COUPON_CHANGE_FIELD_MAP = { 'discount.percentOff': 'value', 'discount.amountOff.amount': 'value', discount: 'value' } as const;

/** A coupon's discount value as its edit field shows it: "10" (percent), "5.00" (amount in its currency); '' for free shipping. */
export function couponValueInput(discount: Coupon['discount']): string {
  if ('percentOff' in discount) return String(discount.percentOff);
  if ('amountOff' in discount) return minorUnitsToInput(discount.amountOff.amount, discount.amountOff.currency);
  return '';
}

/** The discount typed in the edit dialog, of the coupon's own kind (and currency); undefined when unreadable or free shipping. */
function changedDiscount(value: string, current: Coupon['discount'], problem: Problem): Coupon['discount'] | undefined {
  if ('percentOff' in current) {
    const percentOff = readWhole(value, 'value', problem);
    return percentOff === undefined || percentOff === current.percentOff ? undefined : { percentOff };
  }
  if ('amountOff' in current) {
    const amount = readAmountOff(value, current.amountOff.currency, problem);
    return amount === undefined || amount === current.amountOff.amount ? undefined : { amountOff: { amount, currency: current.amountOff.currency } };
  }
  return undefined;
}

/** Two instants (or their absence) the same to the second, the precision the form shows. */
function sameSecond(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? a === b : Math.floor(x / 1000) === Math.floor(y / 1000);
}

/**
 * A coupon's edit as the PATCH body: only the fields that differ from `coupon`, an emptied one as
 * null (unlimited, no start, no end); a new discount value as the coupon's kind of discount (its
 * currency kept). The value and window are checked as the API will, on the form's values (the
 * unchanged ones are in the form, prefilled); what only the API knows (the uses already taken)
 * comes back as its refusal.
 */
export function couponChangeFromForm(
  form: CouponChangeForm,
  coupon: Pick<Coupon, 'discount' | 'usageLimit' | 'perCustomerLimit' | 'startsAt' | 'endsAt'>,
): FormResult<UpdateCouponBody> {
  return formToBody(
    UpdateCouponBody,
    (problem) => {
      const limit = (field: 'usageLimit' | 'perCustomerLimit') => {
        const value = readWhole(form[field], field, problem, { optional: true });
        if (value !== undefined && value < 1) problem(field, 'must be at least 1');
        return value ?? null;
      };
      const discount = changedDiscount(form.value, coupon.discount, problem);
      const usageLimit = limit('usageLimit');
      const perCustomerLimit = limit('perCustomerLimit');
      const startsAt = text(form.startsAt) ?? null;
      const endsAt = text(form.endsAt) ?? null;
      if (startsAt !== null && endsAt !== null && Date.parse(startsAt) >= Date.parse(endsAt)) problem('endsAt', ENDS_BEFORE_START);
      return {
        ...optional('discount', discount),
        ...(usageLimit === coupon.usageLimit ? {} : { usageLimit }),
        ...(perCustomerLimit === coupon.perCustomerLimit ? {} : { perCustomerLimit }),
        ...(sameSecond(startsAt, coupon.startsAt) ? {} : { startsAt }),
        ...(sameSecond(endsAt, coupon.endsAt) ? {} : { endsAt }),
      };
    },
    COUPON_CHANGE_FIELD_MAP,
    COUPON_CHANGE_FIELDS,
  );
}

/**
 * The API's refusal of a total below the uses already taken (`details: { field: 'usageLimit',
 * taken }`), in a merchant's words instead of the API's; any other refusal as it came.
 */
export function couponRefusalInWords<T extends { message: string; details?: unknown }>(refusal: T): T {
  const details = refusal.details as { field?: unknown; taken?: unknown } | null | undefined;
  if (details?.field !== 'usageLimit' || typeof details.taken !== 'number') return refusal;
  const taken = details.taken;
  return { ...refusal, message: `At least ${taken}: ${taken === 1 ? '1 use is' : `${taken} uses are`} already taken or held. To stop the coupon now, switch it off.` };
}

// --- promotions (every target and benefit of the contract) ---------------------------------------

export interface PromotionForm {
  name: string;
  targetKind: PromotionTarget['kind'];
  /** SKUs or product slugs (by target kind), comma or space separated; the ticked category ids. */
  targetIds: string;
  benefitKind: PromotionBenefit['kind'];
  percent: string;
  amount: string;
  currency: string;
  buy: string;
  get: string;
  minSubtotal: string;
  startsAt: string;
  endsAt: string;
  priority: string;
  exclusive: boolean;
  active: boolean;
}

export const PROMOTION_FIELDS = ['name', 'targetKind', 'targetIds', 'benefitKind', 'percent', 'amount', 'currency', 'buy', 'get', 'minSubtotal', 'startsAt', 'endsAt', 'priority', 'exclusive', 'active'] as const;
/** The labels of a new promotion's fields: its problems are said with them ("Minimum subtotal: “1.234” is ambiguous — …"). */
export const PROMOTION_LABELS = {
  name: 'Name',
  targetKind: 'Applies to',
  targetIds: 'Targets',
  benefitKind: 'Benefit',
  percent: 'Percent',
  amount: 'Amount off',
  currency: 'Currency',
  buy: 'Buy',
  get: 'Get free',
  minSubtotal: 'Minimum subtotal',
  startsAt: 'Starts',
  endsAt: 'Ends',
  priority: 'Priority',
  exclusive: 'Exclusive',
  active: 'Active',
} as const;
export const PROMOTION_FIELD_MAP = {
  'target.skus': 'targetIds',
  'target.productIds': 'targetIds',
  'target.productSlugs': 'targetIds',
  'target.categoryIds': 'targetIds',
  target: 'targetKind',
  'benefit.percent': 'percent',
  'benefit.amount.amount': 'amount',
  'benefit.amount.currency': 'currency',
  'benefit.amount': 'amount',
  'benefit.buy': 'buy',
  'benefit.get': 'get',
  benefit: 'benefitKind',
  'minSubtotal.currency': 'currency',
  minSubtotal: 'minSubtotal',
} as const;

function targetOf(form: PromotionForm): PromotionDraftBody['target'] | { kind: string } {
  const ids = listOf(form.targetIds);
  switch (form.targetKind) {
    case 'sku':
      return { kind: 'sku', skus: ids.map((s) => s.toUpperCase()) };
    case 'product':
      // Slugs: the admin's server turns them into ids (promotion-targets.ts) before pricing sees them.
      return { kind: 'product', productSlugs: ids.map((s) => s.toLowerCase()) };
    case 'category':
      return { kind: 'category', categoryIds: ids };
    default:
      return { kind: 'cart' };
  }
}

/** The promotion to send: the pricing contract's body, but a product target names its products by slug. */
export function promotionFromForm(form: PromotionForm): FormResult<PromotionDraftBody> {
  return formToBody(
    form.targetKind === 'product' ? PromotionDraftBody : CreatePromotionBody,
    (problem) => {
      const currency = form.currency.trim().toUpperCase();
      const money = (value: string, field: string) =>
        /^[A-Z]{3}$/.test(currency) ? readMoney(value, currency, field, problem) : (problem('currency', 'must be a three-letter ISO-4217 code'), undefined);
      let benefit: unknown;
      switch (form.benefitKind) {
        case 'percent_off':
          benefit = { kind: 'percent_off', percent: readWhole(form.percent, 'percent', problem) };
          break;
        case 'amount_off':
          benefit = { kind: 'amount_off', amount: { amount: money(form.amount, 'amount'), currency } };
          break;
        case 'buy_x_get_y':
          benefit = { kind: 'buy_x_get_y', buy: readWhole(form.buy, 'buy', problem), get: readWhole(form.get, 'get', problem) };
          break;
        default:
          benefit = { kind: 'free_shipping' };
      }
      const minSubtotal = form.minSubtotal.trim() === '' ? undefined : { amount: money(form.minSubtotal, 'minSubtotal'), currency };
      return {
        name: form.name,
        target: targetOf(form),
        benefit,
        ...optional('minSubtotal', minSubtotal),
        ...optional('startsAt', text(form.startsAt)),
        ...optional('endsAt', text(form.endsAt)),
        ...optional('priority', readWhole(form.priority, 'priority', problem, { optional: true })),
        exclusive: form.exclusive,
        active: form.active,
      };
    },
    PROMOTION_FIELD_MAP,
    PROMOTION_FIELDS,
  );
}

/** What the edit dialog of a promotion asks for: the API changes these; its target and benefit stay as they are. */
export type PromotionChangeForm = Pick<PromotionForm, 'name' | 'priority' | 'startsAt' | 'endsAt' | 'exclusive' | 'active'>;

export const PROMOTION_CHANGE_FIELDS = ['name', 'priority', 'startsAt', 'endsAt', 'exclusive', 'active'] as const;

/**
 * A promotion's edit as the PATCH body: only what differs from `promotion`; an emptied start or end
 * as null (no start, no end). The window is checked as the API will, on the form's values; what only
 * pricing knows (an active twin of it) comes back as its refusal.
 */
export function promotionChangeFromForm(
  form: PromotionChangeForm,
  promotion: Pick<Promotion, 'name' | 'priority' | 'startsAt' | 'endsAt' | 'exclusive' | 'active'>,
): FormResult<UpdatePromotionBody> {
  return formToBody(
    UpdatePromotionBody,
    (reported) => {
      let problems = 0;
      const problem = (field: string, reason: string) => {
        problems += 1;
        reported(field, reason);
      };
      const name = form.name.trim();
      // Emptied: the default priority, as when it was created.
      const priority = form.priority.trim() === '' ? 0 : readWhole(form.priority, 'priority', problem);
      const startsAt = text(form.startsAt) ?? null;
      const endsAt = text(form.endsAt) ?? null;
      if (startsAt !== null && endsAt !== null && Date.parse(startsAt) >= Date.parse(endsAt)) problem('endsAt', ENDS_BEFORE_START);
      const body = {
        ...(name === promotion.name ? {} : { name }),
        ...(priority === undefined || priority === promotion.priority ? {} : { priority }),
        ...(sameSecond(startsAt, promotion.startsAt) ? {} : { startsAt }),
        ...(sameSecond(endsAt, promotion.endsAt) ? {} : { endsAt }),
        ...(form.exclusive === promotion.exclusive ? {} : { exclusive: form.exclusive }),
        ...(form.active === promotion.active ? {} : { active: form.active }),
      };
      if (problems === 0 && Object.keys(body).length === 0) problem(FORM_LEVEL, NOTHING_CHANGED);
      return body;
    },
    {},
    PROMOTION_CHANGE_FIELDS,
  );
}

// --- demand-pricing rules ------------------------------------------------------------------------

export interface DemandRuleForm {
  sku: string;
  currency: string;
  floor: string;
  ceiling: string;
  stepPercent: string;
  intervalMinutes: string;
  raiseAbovePerHour: string;
  lowerBelowPerHour: string;
}

export const DEMAND_RULE_FIELDS = ['sku', 'currency', 'floor', 'ceiling', 'stepPercent', 'intervalMinutes', 'raiseAbovePerHour', 'lowerBelowPerHour'] as const;
/** The labels of a demand rule's fields: its problems are said with them ("Ceiling price must not be below Floor price."). */
export const DEMAND_RULE_LABELS = {
  sku: 'SKU',
  currency: 'Currency',
  floor: 'Floor price',
  ceiling: 'Ceiling price',
  stepPercent: 'Step (%)',
  intervalMinutes: 'At most every (minutes)',
  raiseAbovePerHour: 'Raise above (units/hour)',
  lowerBelowPerHour: 'Lower below (units/hour)',
} as const;

/** A sell-through rate ("12.5" units per hour), 0 or more. */
function readRate(value: string, field: string, problem: Problem): number | undefined {
  const bare = value.trim();
  if (!/^\d+(\.\d+)?$/.test(bare)) {
    problem(field, bare === '' ? 'is required' : 'must be a number of units per hour, 0 or more');
    return undefined;
  }
  return Number(bare);
}

export function demandRuleFromForm(form: DemandRuleForm): FormResult<CreateDemandRuleBody> {
  return formToBody(
    CreateDemandRuleBody,
    (problem) => {
      const currency = form.currency.trim().toUpperCase();
      const money = (value: string, field: string) =>
        /^[A-Z]{3}$/.test(currency) ? readMoney(value, currency, field, problem) : (problem('currency', 'must be a three-letter ISO-4217 code'), undefined);
      return {
        sku: form.sku.trim().toUpperCase(),
        floor: money(form.floor, 'floor'),
        ceiling: money(form.ceiling, 'ceiling'),
        ...optional('stepPercent', readWhole(form.stepPercent, 'stepPercent', problem, { optional: true })),
        ...optional('intervalMinutes', readWhole(form.intervalMinutes, 'intervalMinutes', problem, { optional: true })),
        raiseAbovePerHour: readRate(form.raiseAbovePerHour, 'raiseAbovePerHour', problem),
        lowerBelowPerHour: readRate(form.lowerBelowPerHour, 'lowerBelowPerHour', problem),
      };
    },
    {},
    DEMAND_RULE_FIELDS,
  );
}

// --- price lists and their entries ---------------------------------------------------------------

export interface PriceListForm {
  name: string;
  currency: string;
  customerGroup: string;
  priority: string;
  startsAt: string;
  endsAt: string;
}

export const PRICE_LIST_FIELDS = ['name', 'currency', 'customerGroup', 'priority', 'startsAt', 'endsAt'] as const;

export function priceListFromForm(form: PriceListForm): FormResult<CreatePriceListBody> {
  return formToBody(
    CreatePriceListBody,
    (problem) => ({
      name: form.name,
      currency: form.currency.trim().toUpperCase(),
      ...optional('customerGroup', text(form.customerGroup)),
      ...optional('priority', readWhole(form.priority, 'priority', problem, { optional: true })),
      ...optional('startsAt', text(form.startsAt)),
      ...optional('endsAt', text(form.endsAt)),
    }),
    {},
    PRICE_LIST_FIELDS,
  );
}

/** One entry typed on a price list's page: a SKU and its price in the list's currency. */
export interface PriceEntryForm {
  sku: string;
  price: string;
}

export const PRICE_ENTRY_FIELDS = ['sku', 'price'] as const;
export const PRICE_ENTRY_FIELD_MAP = { 'entries.0.sku': 'sku', 'entries.0.amount': 'price', entries: 'sku' } as const;
export const PRICE_ENTRY_LABELS = { sku: 'SKU', price: 'Price' } as const;

export function priceEntryFromForm(form: PriceEntryForm, currency: string): FormResult<PriceListEntriesBody> {
  return formToBody(
    PriceListEntriesBody,
    (problem) => ({ entries: [{ sku: form.sku.trim().toUpperCase(), amount: readMoney(form.price, currency, 'price', problem) }] }),
    PRICE_ENTRY_FIELD_MAP,
    PRICE_ENTRY_FIELDS,
  );
}
