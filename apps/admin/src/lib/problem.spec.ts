import { ApiError } from '@shop/api-client';
import { describe, expect, it } from 'vitest';
import { FORM_LEVEL } from './merch/form-mapping';
import { asSentence, inSentences, problemOf } from './problem';

describe('problemOf', () => {
  it('names the refused fields of a validation error', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Request validation failed', [{ field: 'number', reason: 'must be an order number such as SO-000123 or 123' }]);
    expect(problemOf(err)).toBe('number must be an order number such as SO-000123 or 123');
  });

  it("uses the screen's labels for the fields, in the reason too", () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Request validation failed', [
      { field: 'to', reason: 'must be after from' },
      { field: 'customerId', reason: 'must be a valid uuid' },
    ]);
    expect(problemOf(err, { from: 'Placed from', to: 'Placed on or before', customerId: 'Customer id' })).toBe(
      'Placed on or before must be after Placed from; Customer id must be a valid uuid',
    );
  });

  it('falls back to the message', () => {
    expect(problemOf(new ApiError(503, 'GATEWAY_UNREACHABLE', 'The gateway could not be reached'))).toBe('The gateway could not be reached');
    expect(problemOf(new Error('boom'))).toBe('boom');
  });
});

describe('inSentences', () => {
  it("says a form's problems as sentences naming each field by its label", () => {
    const labels = { quantity: 'On hand', reason: 'Reason', perCustomer: 'Per customer', units: 'Units in the sale', endsAt: 'Ends' };
    expect(inSentences({ quantity: 'must be at least 0', reason: 'must not be empty' }, labels)).toEqual({ quantity: 'On hand must be at least 0.', reason: 'Reason must not be empty.' });
    // Field names inside a reason are said by their labels too; a reason ending in a bracket still gets its full stop.
    expect(inSentences({ perCustomer: 'must not be more than units', units: "must not be more than the SKU's available stock (2)" }, labels)).toEqual({
      perCustomer: 'Per customer must not be more than Units in the sale.',
      units: "Units in the sale must not be more than the SKU's available stock (2).",
    });
    // A refusal naming no field (a 409) becomes a sentence of its own.
    expect(inSentences({ [FORM_LEVEL]: 'on-hand stock cannot go below the 5 units already held (3 reserved, 2 sold)' }, labels)).toEqual({
      [FORM_LEVEL]: 'On-hand stock cannot go below the 5 units already held (3 reserved, 2 sold).',
    });
    expect(inSentences({}, labels)).toEqual({});
  });

  it("says a problem with what was typed after the field's label, a colon between, its words as they are", () => {
    const labels = { salePrice: 'Sale price', amount: 'Amount off', code: 'Code' };
    expect(inSentences({ salePrice: '“1.234” is ambiguous — write 1234.00 or 1.234,00' }, labels)).toEqual({ salePrice: 'Sale price: “1.234” is ambiguous — write 1234.00 or 1.234,00.' });
    // "amount" inside such a reason is a word, not the field labelled "Amount off".
    expect(inSentences({ amount: '“x” must be an amount such as 12.50 or 12,50' }, labels)).toEqual({ amount: 'Amount off: “x” must be an amount such as 12.50 or 12,50.' });
    expect(inSentences({ salePrice: 'is required' }, labels)).toEqual({ salePrice: 'Sale price is required.' });
  });

  it('names another field inside a reason only where the reason compares with it, and only when its label says more than its name', () => {
    const labels = { code: 'Code', currency: 'Currency', buy: 'Buy', get: 'Get free', targetKind: 'Applies to', floor: 'Floor price', ceiling: 'Ceiling price', units: 'Units', perCustomerLimit: 'Per customer' };
    expect(inSentences({ currency: 'must be a three-letter ISO-4217 code' }, labels)).toEqual({ currency: 'Currency must be a three-letter ISO-4217 code.' });
    expect(inSentences({ targetKind: 'buy X get Y needs a product, SKU or category target' }, labels)).toEqual({ targetKind: 'Applies to buy X get Y needs a product, SKU or category target.' });
    expect(inSentences({ ceiling: 'must not be below floor' }, labels)).toEqual({ ceiling: 'Ceiling price must not be below Floor price.' });
    expect(inSentences({ perCustomerLimit: 'must not be more than units' }, labels)).toEqual({ perCustomerLimit: 'Per customer must not be more than units.' });
  });

  it("keeps a reason that is already a merchant's sentence (a capital first) as it is, naming no field twice", () => {
    const labels = { usageLimit: 'Uses in total', sku: 'SKU' };
    expect(inSentences({ usageLimit: 'At least 2: 2 uses are already taken or held. To stop the coupon now, switch it off.' }, labels)).toEqual({
      usageLimit: 'At least 2: 2 uses are already taken or held. To stop the coupon now, switch it off.',
    });
    // A label that is the field's name in capitals still names the field ("SKU", never "Sku").
    expect(inSentences({ sku: 'must belong to a published product' }, labels)).toEqual({ sku: 'SKU must belong to a published product.' });
  });

  it('leaves a finished sentence as it is', () => {
    expect(asSentence('Nothing changed: edit a field first, or cancel.')).toBe('Nothing changed: edit a field first, or cancel.');
    expect(asSentence('  is it?')).toBe('Is it?');
    expect(asSentence('')).toBe('');
  });
});
