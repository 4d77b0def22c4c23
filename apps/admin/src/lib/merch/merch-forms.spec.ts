import { describe, expect, it } from 'vitest';
import { FORM_LEVEL, formFieldErrors, isoToLocalInput, localInputToIso, parseWholeNumber, refusalErrors, withNamedField } from './form-mapping';
import { inSentences } from '../problem';
import {
  COUPON_CHANGE_FIELD_MAP,
  COUPON_CHANGE_FIELDS,
  DEMAND_RULE_LABELS,
  FLASH_SALE_CHANGE_FIELDS,
  FLASH_SALE_FIELD_MAP,
  FLASH_SALE_FIELDS,
  FLASH_SALE_LABELS,
  NOTHING_CHANGED,
  PRICE_ENTRY_LABELS,
  PROMOTION_LABELS,
  couponChangeFromForm,
  couponFromForm,
  couponLabels,
  couponRefusalInWords,
  couponValueInput,
  demandRuleFromForm,
  flashSaleChangeFromForm,
  flashSaleFromForm,
  flashSaleRefusalInWords,
  notEditableReason,
  priceEntryFromForm,
  priceListFromForm,
  promotionChangeFromForm,
  promotionFromForm,
  type PromotionForm,
} from './pricing-forms';
import { saleLimitFromForm, stockChangeFromForm } from './stock-forms';

const NOW = new Date('2030-01-01T10:00:00.000Z');

describe('form <-> contract mapping', () => {
  it('places API field errors on form fields by the longest mapped prefix, others at form level', () => {
    const errors = { 'salePrice.amount': 'must be more than 0', units: 'must not be more than the stock (3)', sku: 'has an invalid format', 'lines.0': 'odd' };
    expect(formFieldErrors(errors, FLASH_SALE_FIELD_MAP, FLASH_SALE_FIELDS)).toEqual({
      salePrice: 'must be more than 0',
      units: 'must not be more than the stock (3)',
      sku: 'has an invalid format',
      [FORM_LEVEL]: 'lines.0 odd',
    });
  });

  it('shows a refusal that names no field at the form level', () => {
    expect(refusalErrors({ message: 'on-hand stock cannot go below reserved + committed units', fieldErrors: {} }, {}, ['quantity'])).toEqual({
      [FORM_LEVEL]: 'on-hand stock cannot go below reserved + committed units',
    });
    expect(refusalErrors({ message: 'Invalid request', fieldErrors: { delta: 'must not be 0' } }, { delta: 'quantity' }, ['quantity'])).toEqual({ quantity: 'must not be 0' });
  });

  it('reads whole numbers without NaN', () => {
    expect(parseWholeNumber('12')).toEqual({ ok: true, value: 12 });
    expect(parseWholeNumber('-3', { allowNegative: true })).toEqual({ ok: true, value: -3 });
    expect(parseWholeNumber('-3')).toEqual({ ok: false, reason: 'must be a whole number, 0 or more' });
    expect(parseWholeNumber('1.5', { allowNegative: true })).toEqual({ ok: false, reason: 'must be a whole number' });
    expect(parseWholeNumber(' ')).toEqual({ ok: false, reason: 'is required' });
  });

  it('converts datetime-local values in a given time zone to instants and back', () => {
    expect(localInputToIso('2030-01-01T12:30', 60)).toBe('2030-01-01T11:30:00.000Z');
    expect(localInputToIso('2030-01-01T12:30:15', -300)).toBe('2030-01-01T17:30:15.000Z');
    expect(localInputToIso('', 0)).toBeUndefined();
    expect(isoToLocalInput('2030-01-01T11:30:00.000Z', 60)).toBe('2030-01-01T12:30:00');
  });
});

describe('stock forms', () => {
  it('makes an adjustment or a set body, naming the form field when the API would refuse', () => {
    expect(stockChangeFromForm({ mode: 'adjust', quantity: '-3', reason: ' damaged ' })).toEqual({ ok: true, body: { mode: 'adjust', body: { delta: -3, reason: 'damaged' } } });
    expect(stockChangeFromForm({ mode: 'set', quantity: '40', reason: '' })).toEqual({ ok: true, body: { mode: 'set', body: { onHand: 40 } } });
    expect(stockChangeFromForm({ mode: 'adjust', quantity: '0', reason: '' })).toEqual({ ok: false, fieldErrors: { quantity: 'must not be 0', reason: 'must not be empty' } });
    expect(stockChangeFromForm({ mode: 'set', quantity: 'ten', reason: 'x' })).toEqual({ ok: false, fieldErrors: { quantity: 'must be a whole number, 0 or more' } });
  });

  it('makes a sale limit body, optional parts left out', () => {
    expect(saleLimitFromForm({ perCustomer: '2', units: '', startsAt: '', endsAt: '' })).toEqual({ ok: true, body: { perCustomer: 2 } });
    const refused = saleLimitFromForm({ perCustomer: '2', units: '5', startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' });
    expect(refused).toEqual({ ok: false, fieldErrors: { endsAt: 'must be after the start' } });
  });
});

describe('flash sale form', () => {
  const form = { sku: 'tee-m', salePrice: '9.99', currency: 'eur', units: '20', perCustomerLimit: '2', startsAt: '2030-01-01T10:00:05.000Z', endsAt: '2030-01-01T11:00:00.000Z' };

  it('makes the contract body with money in minor units', () => {
    expect(flashSaleFromForm(form, NOW)).toEqual({
      ok: true,
      body: { sku: 'TEE-M', salePrice: { amount: 999, currency: 'EUR' }, units: 20, perCustomerLimit: 2, startsAt: form.startsAt, endsAt: form.endsAt },
    });
  });

  it('refuses values that cannot work before saving, each on its field', () => {
    expect(flashSaleFromForm({ ...form, startsAt: '2030-01-01T09:30:00.000Z', endsAt: '2030-01-01T09:00:00.000Z' }, NOW)).toEqual({ ok: false, fieldErrors: { startsAt: 'must not be in the past', endsAt: 'must be after the start' } });
    expect(flashSaleFromForm({ ...form, perCustomerLimit: '30' }, NOW)).toEqual({ ok: false, fieldErrors: { perCustomerLimit: 'must not be more than units' } });
    expect(flashSaleFromForm({ ...form, salePrice: '0' }, NOW)).toEqual({ ok: false, fieldErrors: { salePrice: 'must be more than 0' } });
    expect(flashSaleFromForm({ ...form, salePrice: '9.9999', units: '' }, NOW)).toEqual({ ok: false, fieldErrors: { salePrice: '“9.9999” must have at most 2 decimals', units: 'is required' } });
  });
});

describe('pricing forms', () => {
  it('coupon: each kind of discount, limits optional', () => {
    const base = { code: 'summer10', kind: 'percent' as const, value: '10', currency: 'EUR', usageLimit: '100', perCustomerLimit: '', startsAt: '', endsAt: '' };
    expect(couponFromForm(base)).toEqual({ ok: true, body: { code: 'SUMMER10', discount: { percentOff: 10 }, usageLimit: 100 } });
    expect(couponFromForm({ ...base, kind: 'amount', value: '5' })).toMatchObject({ ok: true, body: { discount: { amountOff: { amount: 500, currency: 'EUR' } } } });
    expect(couponFromForm({ ...base, kind: 'free_shipping', value: '' })).toMatchObject({ ok: true, body: { discount: { freeShipping: true } } });
    expect(couponFromForm({ ...base, value: '150' })).toEqual({ ok: false, fieldErrors: { value: 'must be at most 100' } });
  });

  it('coupon edit: only what changed, an emptied field as null, the window checked', () => {
    const coupon = { discount: { percentOff: 10 }, usageLimit: 100, perCustomerLimit: 2, startsAt: '2030-01-01T10:00:00.250Z', endsAt: '2030-02-01T10:00:00.000Z' };
    const form = { value: '10', usageLimit: '100', perCustomerLimit: '2', startsAt: '2030-01-01T10:00:00.000Z', endsAt: '2030-02-01T10:00:00.000Z' };
    // As prefilled (times to the second): nothing to change.
    expect(couponChangeFromForm(form, coupon)).toEqual({ ok: true, body: {} });
    expect(couponChangeFromForm({ ...form, usageLimit: '250', endsAt: '2030-03-01T00:00:00.000Z' }, coupon)).toEqual({ ok: true, body: { usageLimit: 250, endsAt: '2030-03-01T00:00:00.000Z' } });
    expect(couponChangeFromForm({ ...form, usageLimit: ' ', perCustomerLimit: '', startsAt: '', endsAt: '' }, coupon)).toEqual({
      ok: true,
      body: { usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null },
    });
    expect(couponChangeFromForm({ ...form, usageLimit: '0', perCustomerLimit: 'two' }, coupon)).toEqual({
      ok: false,
      fieldErrors: { usageLimit: 'must be at least 1', perCustomerLimit: 'must be a whole number, 0 or more' },
    });
    expect(couponChangeFromForm({ ...form, endsAt: '2029-12-31T00:00:00.000Z' }, coupon)).toEqual({ ok: false, fieldErrors: { endsAt: 'must be after the start' } });
    expect(couponChangeFromForm({ ...form, endsAt: 'soon' }, coupon)).toMatchObject({ ok: false, fieldErrors: { endsAt: expect.any(String) } });
  });

  it("coupon edit: a new discount value of the coupon's own kind, checked as when created", () => {
    const limits = { usageLimit: '', perCustomerLimit: '', startsAt: '', endsAt: '' };
    const percent = { discount: { percentOff: 10 }, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null };
    expect(couponValueInput(percent.discount)).toBe('10');
    expect(couponChangeFromForm({ ...limits, value: '15' }, percent)).toEqual({ ok: true, body: { discount: { percentOff: 15 } } });
    expect(couponChangeFromForm({ ...limits, value: '10' }, percent)).toEqual({ ok: true, body: {} });
    expect(couponChangeFromForm({ ...limits, value: '0' }, percent)).toEqual({ ok: false, fieldErrors: { value: 'must be at least 1' } });
    expect(couponChangeFromForm({ ...limits, value: '101' }, percent)).toEqual({ ok: false, fieldErrors: { value: 'must be at most 100' } });
    expect(couponChangeFromForm({ ...limits, value: '12.5' }, percent)).toEqual({ ok: false, fieldErrors: { value: 'must be a whole number, 0 or more' } });

    // An amount stays in the coupon's currency, read by the one money parser (a decimal comma too).
    const amount = { ...percent, discount: { amountOff: { amount: 500, currency: 'EUR' } } };
    expect(couponValueInput(amount.discount)).toBe('5.00');
    expect(couponChangeFromForm({ ...limits, value: '7,50' }, amount)).toEqual({ ok: true, body: { discount: { amountOff: { amount: 750, currency: 'EUR' } } } });
    expect(couponChangeFromForm({ ...limits, value: '5.00' }, amount)).toEqual({ ok: true, body: {} });
    expect(couponChangeFromForm({ ...limits, value: '0' }, amount)).toEqual({ ok: false, fieldErrors: { value: 'must be more than 0' } });
    expect(couponChangeFromForm({ ...limits, value: '1.250' }, amount)).toEqual({ ok: false, fieldErrors: { value: '“1.250” is ambiguous — write 1250.00 or 1.250,00' } });
    expect(couponChangeFromForm({ ...limits, value: '' }, amount)).toEqual({ ok: false, fieldErrors: { value: 'is required' } });

    // Free shipping has no value to change.
    const free = { ...percent, discount: { freeShipping: true as const } };
    expect(couponValueInput(free.discount)).toBe('');
    expect(couponChangeFromForm({ ...limits, value: '', usageLimit: '5' }, free)).toEqual({ ok: true, body: { usageLimit: 5 } });
  });

  it("coupon edit: the dialog says each problem as a sentence naming its field, the API's on the value too", () => {
    const amount = { discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null };
    const checked = couponChangeFromForm({ value: '1.234', usageLimit: '0', perCustomerLimit: '', startsAt: '', endsAt: '' }, amount);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(inSentences(checked.fieldErrors, couponLabels('amount'))).toEqual({
        value: 'Amount off: “1.234” is ambiguous — write 1234.00 or 1.234,00.',
        usageLimit: 'Uses in total must be at least 1.',
      });
    }
    const refused = refusalErrors({ message: 'Invalid request', fieldErrors: { 'discount.percentOff': 'must be at most 100' } }, COUPON_CHANGE_FIELD_MAP, COUPON_CHANGE_FIELDS);
    expect(inSentences(refused, couponLabels('percent'))).toEqual({ value: 'Percent off must be at most 100.' });
    // A refusal already in a merchant's words stays as it is.
    const taken = refusalErrors(withNamedField(couponRefusalInWords({ message: 'x', fieldErrors: {}, details: { field: 'usageLimit', taken: 2 } })), COUPON_CHANGE_FIELD_MAP, COUPON_CHANGE_FIELDS);
    expect(inSentences(taken, couponLabels('percent'))).toEqual({ usageLimit: 'At least 2: 2 uses are already taken or held. To stop the coupon now, switch it off.' });
  });

  it("a conflict naming its field in the details shows on that field with the API's message", () => {
    const message = 'usageLimit cannot go below the 3 uses already consumed or held; switch the coupon off with active: false instead';
    expect(refusalErrors(withNamedField({ message, fieldErrors: {}, details: { field: 'usageLimit', taken: 3 } }), {}, COUPON_CHANGE_FIELDS)).toEqual({ usageLimit: message });
    // ...in a merchant's words: how many uses are taken, and what to do instead.
    expect(refusalErrors(withNamedField(couponRefusalInWords({ message, fieldErrors: {}, details: { field: 'usageLimit', taken: 3 } })), {}, COUPON_CHANGE_FIELDS)).toEqual({
      usageLimit: 'At least 3: 3 uses are already taken or held. To stop the coupon now, switch it off.',
    });
    expect(couponRefusalInWords({ message: 'Gone', details: { field: 'code' } }).message).toBe('Gone');
    // Field issues (a 400) stay as they are; details naming no field leave the message above the form.
    expect(withNamedField({ message: 'Invalid request', fieldErrors: { endsAt: 'must be after the start' }, details: [{ field: 'endsAt', reason: 'must be after the start' }] }).fieldErrors).toEqual({ endsAt: 'must be after the start' });
    expect(refusalErrors(withNamedField({ message: 'Gone', fieldErrors: {}, details: { reason: 'x' } }), {}, COUPON_CHANGE_FIELDS)).toEqual({ [FORM_LEVEL]: 'Gone' });
  });

  it('promotion: every target and benefit kind of the contract', () => {
    const base: PromotionForm = {
      name: 'Summer', targetKind: 'sku', targetIds: 'tee-m, tee-l', benefitKind: 'percent_off', percent: '20', amount: '', currency: 'EUR',
      buy: '', get: '', minSubtotal: '', startsAt: '', endsAt: '', priority: '', exclusive: false, active: true,
    };
    expect(promotionFromForm(base)).toEqual({ ok: true, body: { name: 'Summer', target: { kind: 'sku', skus: ['TEE-M', 'TEE-L'] }, benefit: { kind: 'percent_off', percent: 20 }, priority: 0, exclusive: false, active: true } });
    expect(promotionFromForm({ ...base, targetKind: 'cart', benefitKind: 'amount_off', amount: '5', minSubtotal: '50' })).toMatchObject({
      ok: true,
      body: { target: { kind: 'cart' }, benefit: { kind: 'amount_off', amount: { amount: 500, currency: 'EUR' } }, minSubtotal: { amount: 5000, currency: 'EUR' } },
    });
    expect(promotionFromForm({ ...base, benefitKind: 'buy_x_get_y', buy: '2', get: '1' })).toMatchObject({ ok: true, body: { benefit: { kind: 'buy_x_get_y', buy: 2, get: 1 } } });
    expect(promotionFromForm({ ...base, targetKind: 'cart', benefitKind: 'buy_x_get_y', buy: '2', get: '1' })).toEqual({ ok: false, fieldErrors: { targetKind: 'buy X get Y needs a product, SKU or category target' } });
    expect(promotionFromForm({ ...base, targetKind: 'category', targetIds: 'not-a-uuid', benefitKind: 'free_shipping' })).toEqual({ ok: false, fieldErrors: { targetIds: 'must be a valid uuid' } });
    expect(promotionFromForm({ ...base, targetKind: 'product', targetIds: '' })).toEqual({ ok: false, fieldErrors: { targetIds: 'must have at least 1 item' } });
    // Products by slug (the admin's server resolves them to ids); category ids come from the picker.
    expect(promotionFromForm({ ...base, targetKind: 'product', targetIds: 'organic-tee, Enamel-Mug' })).toMatchObject({ ok: true, body: { target: { kind: 'product', productSlugs: ['organic-tee', 'enamel-mug'] } } });
    expect(promotionFromForm({ ...base, targetKind: 'product', targetIds: 'organic tee!' })).toEqual({ ok: false, fieldErrors: { targetIds: 'must be lowercase words joined by hyphens' } });
  });

  it('demand rule: money bounds in minor units, cross-field rules on their field', () => {
    const base = { sku: 'tee-m', currency: 'EUR', floor: '10', ceiling: '30', stepPercent: '', intervalMinutes: '', raiseAbovePerHour: '20', lowerBelowPerHour: '5.5' };
    expect(demandRuleFromForm(base)).toEqual({ ok: true, body: { sku: 'TEE-M', floor: 1000, ceiling: 3000, stepPercent: 5, intervalMinutes: 15, raiseAbovePerHour: 20, lowerBelowPerHour: 5.5, enabled: true } });
    expect(demandRuleFromForm({ ...base, ceiling: '5' })).toEqual({ ok: false, fieldErrors: { ceiling: 'must not be below floor' } });
    expect(demandRuleFromForm({ ...base, lowerBelowPerHour: 'lots' })).toEqual({ ok: false, fieldErrors: { lowerBelowPerHour: 'must be a number of units per hour, 0 or more' } });
  });

  it('price list and an entry in the list currency', () => {
    expect(priceListFromForm({ name: 'VIP', currency: 'eur', customerGroup: 'vip', priority: '5', startsAt: '', endsAt: '' })).toEqual({ ok: true, body: { name: 'VIP', currency: 'EUR', customerGroup: 'vip', priority: 5 } });
    expect(priceListFromForm({ name: ' ', currency: 'EURO', customerGroup: '', priority: '', startsAt: '', endsAt: '' })).toEqual({
      ok: false,
      fieldErrors: { name: 'must not be empty', currency: 'must be a three-letter ISO-4217 code' },
    });
    expect(priceEntryFromForm({ sku: 'tee-m', price: '12.50' }, 'EUR')).toEqual({ ok: true, body: { entries: [{ sku: 'TEE-M', amount: 1250 }] } });
    expect(priceEntryFromForm({ sku: 'tee m', price: '1' }, 'EUR')).toEqual({ ok: false, fieldErrors: { sku: 'must be upper-case letters, digits and hyphens' } });
  });
});

describe('money in every merch form: one parser, a decimal point or comma', () => {
  it('reads "12,50" and "12.50" alike in coupon amounts, sale prices, promotion amounts, price entries and demand bounds', () => {
    for (const typed of ['12,50', '12.50', '€ 12,50']) {
      const coupon = couponFromForm({ code: 'SAVE5', kind: 'amount', value: typed, currency: 'EUR', usageLimit: '', perCustomerLimit: '', startsAt: '', endsAt: '' });
      expect(coupon, typed).toMatchObject({ ok: true, body: { discount: { amountOff: { amount: 1250, currency: 'EUR' } } } });
      const sale = flashSaleFromForm({ sku: 'tee-m', salePrice: typed, currency: 'EUR', units: '5', perCustomerLimit: '1', startsAt: '2030-01-01T10:00:05.000Z', endsAt: '2030-01-01T11:00:00.000Z' }, NOW);
      expect(sale, typed).toMatchObject({ ok: true, body: { salePrice: { amount: 1250 } } });
      expect(priceEntryFromForm({ sku: 'tee-m', price: typed }, 'EUR'), typed).toEqual({ ok: true, body: { entries: [{ sku: 'TEE-M', amount: 1250 }] } });
    }
    const promotion: PromotionForm = {
      name: 'Five off', targetKind: 'cart', targetIds: '', benefitKind: 'amount_off', percent: '', amount: '5,25', currency: 'EUR',
      buy: '', get: '', minSubtotal: '1.234,50', startsAt: '', endsAt: '', priority: '', exclusive: false, active: true,
    };
    expect(promotionFromForm(promotion)).toMatchObject({ ok: true, body: { benefit: { amount: { amount: 525 } }, minSubtotal: { amount: 123450 } } });
    const rule = { sku: 'tee-m', currency: 'EUR', floor: '9,99', ceiling: '1.299,00', stepPercent: '', intervalMinutes: '', raiseAbovePerHour: '1', lowerBelowPerHour: '0' };
    expect(demandRuleFromForm(rule)).toMatchObject({ ok: true, body: { floor: 999, ceiling: 129900 } });
  });

  it('refuses an amount it cannot read unambiguously on its field, with the reason about what was typed', () => {
    const coupon = couponFromForm({ code: 'SAVE5', kind: 'amount', value: '1,250', currency: 'EUR', usageLimit: '', perCustomerLimit: '', startsAt: '', endsAt: '' });
    expect(coupon).toEqual({ ok: false, fieldErrors: { value: '“1,250” is ambiguous — write 1250.00 or 1,250.00' } });
    expect(priceEntryFromForm({ sku: 'tee-m', price: '12;50' }, 'EUR')).toEqual({ ok: false, fieldErrors: { price: '“12;50” must be an amount such as 12.50 or 12,50' } });
    expect(couponFromForm({ code: 'SAVE0', kind: 'amount', value: '0,00', currency: 'EUR', usageLimit: '', perCustomerLimit: '', startsAt: '', endsAt: '' })).toEqual({ ok: false, fieldErrors: { value: 'must be more than 0' } });
  });

  it('says every money field\'s problem as a sentence naming the field by its label', () => {
    const sale = { sku: 'tee-m', salePrice: '1.234', currency: 'EUR', units: '5', perCustomerLimit: '1', startsAt: '2030-01-01T10:00:05.000Z', endsAt: '2030-01-01T11:00:00.000Z' };
    const said = (result: { ok: boolean; fieldErrors?: Record<string, string> }, labels: Record<string, string>) => inSentences(result.fieldErrors ?? {}, labels);
    expect(said(flashSaleFromForm(sale, NOW), FLASH_SALE_LABELS)).toEqual({ salePrice: 'Sale price: “1.234” is ambiguous — write 1234.00 or 1.234,00.' });
    expect(said(flashSaleFromForm({ ...sale, salePrice: '' }, NOW), FLASH_SALE_LABELS)).toEqual({ salePrice: 'Sale price is required.' });
    expect(said(flashSaleFromForm({ ...sale, salePrice: '-2' }, NOW), FLASH_SALE_LABELS)).toEqual({ salePrice: 'Sale price: “-2” must not be negative.' });
    const saleEdit = { salePrice: { amount: 999, currency: 'EUR' }, unitsTotal: 20, perCustomerLimit: 2, startsAt: '2030-01-01T12:00:00.000Z', endsAt: '2030-01-01T13:00:00.000Z' };
    const edited = flashSaleChangeFromForm({ salePrice: '9.999', units: '20', perCustomerLimit: '2', startsAt: saleEdit.startsAt, endsAt: saleEdit.endsAt }, saleEdit, NOW);
    expect(said(edited, FLASH_SALE_LABELS)).toEqual({ salePrice: 'Sale price: “9.999” is ambiguous — write 9999.00 or 9.999,00.' });
    expect(said(couponFromForm({ code: 'SAVE5', kind: 'amount', value: '5.5.5', currency: 'EUR', usageLimit: '', perCustomerLimit: '', startsAt: '', endsAt: '' }), couponLabels('amount'))).toEqual({
      value: 'Amount off: “5.5.5” must be an amount such as 12.50 or 12,50.',
    });
    const promotion: PromotionForm = {
      name: 'Five off', targetKind: 'cart', targetIds: '', benefitKind: 'amount_off', percent: '', amount: '5.255', currency: 'EUR',
      buy: '', get: '', minSubtotal: '10,999', startsAt: '', endsAt: '', priority: '', exclusive: false, active: true,
    };
    expect(said(promotionFromForm(promotion), PROMOTION_LABELS)).toEqual({
      amount: 'Amount off: “5.255” is ambiguous — write 5255.00 or 5.255,00.',
      minSubtotal: 'Minimum subtotal: “10,999” is ambiguous — write 10999.00 or 10,999.00.',
    });
    const rule = { sku: 'tee-m', currency: 'EUR', floor: '9.999', ceiling: '12.5.0', stepPercent: '', intervalMinutes: '', raiseAbovePerHour: '1', lowerBelowPerHour: '0' };
    expect(said(demandRuleFromForm(rule), DEMAND_RULE_LABELS)).toEqual({
      floor: 'Floor price: “9.999” is ambiguous — write 9999.00 or 9.999,00.',
      ceiling: 'Ceiling price: “12.5.0” must be an amount such as 12.50 or 12,50.',
    });
    expect(said(demandRuleFromForm({ ...rule, floor: '30', ceiling: '20' }), DEMAND_RULE_LABELS)).toEqual({ ceiling: 'Ceiling price must not be below Floor price.' });
    expect(said(priceEntryFromForm({ sku: 'tee-m', price: '12.345' }, 'EUR'), PRICE_ENTRY_LABELS)).toEqual({ price: 'Price: “12.345” is ambiguous — write 12345.00 or 12.345,00.' });
    expect(said(priceEntryFromForm({ sku: 'tee-m', price: '12.5' }, 'JPY'), PRICE_ENTRY_LABELS)).toEqual({ price: 'Price: “12.5” must be a whole amount in JPY.' });
  });

  it("says the flash-sale form's SKU and other fields as sentences, the API's reasons too", () => {
    const refused = refusalErrors(
      { message: 'Invalid request', fieldErrors: { sku: 'must belong to a published product (a draft or archived product cannot have a sale)', perCustomerLimit: 'must not be more than units', 'salePrice.amount': 'must be below the regular price (€12.00)' } },
      FLASH_SALE_FIELD_MAP,
      FLASH_SALE_FIELDS,
    );
    expect(inSentences(refused, FLASH_SALE_LABELS)).toEqual({
      sku: 'SKU must belong to a published product (a draft or archived product cannot have a sale).',
      perCustomerLimit: 'Per customer must not be more than units.',
      salePrice: 'Sale price must be below the regular price (€12.00).',
    });
    const read = flashSaleFromForm({ sku: 'tee m', salePrice: '9.99', currency: 'EUR', units: '5', perCustomerLimit: '1', startsAt: '2030-01-01T10:00:05.000Z', endsAt: '2030-01-01T11:00:00.000Z' }, NOW);
    expect(inSentences(read.ok ? {} : read.fieldErrors, FLASH_SALE_LABELS)).toEqual({ sku: 'SKU must be upper-case letters, digits and hyphens.' });
  });
});

describe('promotion edit', () => {
  const promotion = { name: 'Summer', priority: 5, startsAt: '2030-01-01T10:00:00.250Z', endsAt: null, exclusive: false, active: true };
  const form = { name: 'Summer', priority: '5', startsAt: '2030-01-01T10:00:00.000Z', endsAt: '', exclusive: false, active: true };

  it('sends only what changed, an emptied start as null', () => {
    expect(promotionChangeFromForm({ ...form, name: ' Summer sale ', priority: '9', endsAt: '2030-02-01T00:00:00.000Z', exclusive: true }, promotion)).toEqual({
      ok: true,
      body: { name: 'Summer sale', priority: 9, endsAt: '2030-02-01T00:00:00.000Z', exclusive: true },
    });
    expect(promotionChangeFromForm({ ...form, startsAt: '', active: false }, promotion)).toEqual({ ok: true, body: { startsAt: null, active: false } });
    // An emptied priority is the default one, as when created.
    expect(promotionChangeFromForm({ ...form, priority: ' ' }, promotion)).toEqual({ ok: true, body: { priority: 0 } });
  });

  it('says when nothing changed, and refuses what the API would, on its field', () => {
    expect(promotionChangeFromForm(form, promotion)).toEqual({ ok: false, fieldErrors: { [FORM_LEVEL]: NOTHING_CHANGED } });
    expect(promotionChangeFromForm({ ...form, name: ' ' }, promotion)).toEqual({ ok: false, fieldErrors: { name: 'must not be empty' } });
    expect(promotionChangeFromForm({ ...form, priority: 'high' }, promotion)).toEqual({ ok: false, fieldErrors: { priority: 'must be a whole number, 0 or more' } });
    expect(promotionChangeFromForm({ ...form, priority: '2000' }, promotion)).toEqual({ ok: false, fieldErrors: { priority: 'must be <= 1000' } });
    expect(promotionChangeFromForm({ ...form, endsAt: '2029-12-31T00:00:00.000Z' }, promotion)).toEqual({ ok: false, fieldErrors: { endsAt: 'must be after the start' } });
  });
});

describe('flash sale edit', () => {
  const sale = { salePrice: { amount: 999, currency: 'EUR' }, unitsTotal: 20, perCustomerLimit: 2, startsAt: '2030-01-01T12:00:00.000Z', endsAt: '2030-01-01T13:00:00.000Z' };
  const form = { salePrice: '9.99', units: '20', perCustomerLimit: '2', startsAt: '2030-01-01T12:00:00.000Z', endsAt: '2030-01-01T13:00:00.000Z' };

  it('sends only what changed, money in minor units of the sale currency (a decimal comma too)', () => {
    expect(flashSaleChangeFromForm({ ...form, salePrice: '7,49', units: '30', endsAt: '2030-01-01T14:00:00.000Z' }, sale, NOW)).toEqual({
      ok: true,
      body: { salePrice: { amount: 749, currency: 'EUR' }, units: 30, endsAt: '2030-01-01T14:00:00.000Z' },
    });
    expect(flashSaleChangeFromForm({ ...form, startsAt: '2030-01-01T11:00:00.000Z', perCustomerLimit: '1' }, sale, NOW)).toEqual({
      ok: true,
      body: { perCustomerLimit: 1, startsAt: '2030-01-01T11:00:00.000Z' },
    });
  });

  it('refuses what cannot work before sending, each on its field, and says when nothing changed', () => {
    expect(flashSaleChangeFromForm(form, sale, NOW)).toEqual({ ok: false, fieldErrors: { [FORM_LEVEL]: NOTHING_CHANGED } });
    expect(flashSaleChangeFromForm({ ...form, startsAt: '2030-01-01T09:00:00.000Z' }, sale, NOW)).toEqual({ ok: false, fieldErrors: { startsAt: 'must not be in the past' } });
    expect(flashSaleChangeFromForm({ ...form, endsAt: '2030-01-01T11:00:00.000Z' }, sale, NOW)).toEqual({ ok: false, fieldErrors: { endsAt: 'must be after the start' } });
    expect(flashSaleChangeFromForm({ ...form, perCustomerLimit: '25' }, sale, NOW)).toEqual({ ok: false, fieldErrors: { perCustomerLimit: 'must not be more than units' } });
    expect(flashSaleChangeFromForm({ ...form, salePrice: '0' }, sale, NOW)).toEqual({ ok: false, fieldErrors: { salePrice: 'must be more than 0' } });
    expect(flashSaleChangeFromForm({ ...form, salePrice: 'cheap', units: '' }, sale, NOW)).toEqual({ ok: false, fieldErrors: { salePrice: '“cheap” must be an amount such as 12.50 or 12,50', units: 'is required' } });
    // A start left as it was may be in the past by now (pricing says whether the sale still is scheduled).
    expect(flashSaleChangeFromForm({ ...form, units: '10' }, sale, new Date('2030-01-01T12:30:00.000Z'))).toEqual({ ok: true, body: { units: 10 } });
  });

  it("places the API's refusals on the edit's fields, and a sale that opened meanwhile in words", () => {
    expect(refusalErrors({ message: 'Invalid', fieldErrors: { units: "must not be more than the SKU's available stock (2)" } }, FLASH_SALE_FIELD_MAP, FLASH_SALE_CHANGE_FIELDS)).toEqual({
      units: "must not be more than the SKU's available stock (2)",
    });
    const opened = flashSaleRefusalInWords({ message: 'flash sale x can only change while scheduled (it is live)', fieldErrors: {}, details: { id: 'x', status: 'live' } });
    expect(refusalErrors(opened, FLASH_SALE_FIELD_MAP, FLASH_SALE_CHANGE_FIELDS)).toEqual({ [FORM_LEVEL]: `${notEditableReason('live')} Nothing was changed.` });
    expect(flashSaleRefusalInWords({ message: 'Gone', details: null }).message).toBe('Gone');
  });

  it('says why a sale that is not scheduled cannot be edited', () => {
    expect(notEditableReason('scheduled')).toBeNull();
    expect(notEditableReason('live')).toMatch(/^This sale has started: a flash sale can only be changed before it opens/);
    expect(notEditableReason('sold_out')).toBe(notEditableReason('live'));
    expect(notEditableReason('ended')).toBe('This sale has ended: it can no longer be changed.');
    expect(notEditableReason('cancelled')).toMatch(/^This sale was cancelled/);
  });
});
