import { describe, expect, it } from 'vitest';
import type { SavedAddress } from '@shop/contracts';
import {
  addressBookAnswer,
  addressFieldErrors,
  addressNotSavedText,
  addressSaveProblemOf,
  addressSummary,
  defaultAddressOf,
  deleteAddressNote,
  nameChangeErrors,
  sameAddress,
} from './saved-addresses';

const home = { name: 'Ada Lovelace', line1: '1 Main Street', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' };
const saved = (id: string, isDefault: boolean): SavedAddress => ({ id, isDefault, address: home, createdAt: '2026-12-07T10:00:00.000Z', updatedAt: '2026-12-07T10:00:00.000Z' });

describe('addressFieldErrors', () => {
  it("maps the API's address paths to the form's inputs, in a shopper's words", () => {
    expect(
      addressFieldErrors([
        { field: 'address.postalCode', reason: 'must be a postal code of IE, such as D02 X285' },
        { field: 'address.city', reason: 'must be at least 1 characters long' },
      ]),
    ).toEqual({ postalCode: 'Must be a postal code of IE, such as D02 X285.', city: 'Enter your town or city.' });
  });

  it('puts what has no input of its own under form, as the API said it', () => {
    expect(addressFieldErrors([{ field: 'makeDefault', reason: 'must be true' }])).toEqual({ form: 'makeDefault: must be true' });
    expect(addressFieldErrors(null)).toEqual({});
  });
});

describe('addressBookAnswer', () => {
  it('says a full book, a vanished address and a signed-out shopper in words', () => {
    expect(addressBookAnswer(201, null)).toEqual({ kind: 'saved' });
    expect(addressBookAnswer(401, null)).toEqual({ kind: 'signed-out' });
    const full = addressBookAnswer(409, { error: { code: 'CONFLICT', details: { reason: 'ADDRESS_BOOK_FULL', max: 20 } } });
    expect(full).toEqual({ kind: 'refused', errors: { form: expect.stringContaining('full (20 addresses)') } });
    const gone = addressBookAnswer(404, { error: { code: 'NOT_FOUND' } });
    expect(gone.kind === 'refused' && gone.errors.form).toContain('no longer in your address book');
    expect(addressBookAnswer(400, { error: { code: 'VALIDATION_FAILED', details: [{ field: 'address.line1', reason: 'must be at least 1 characters long' }] } })).toEqual({
      kind: 'refused',
      errors: { line1: 'Enter your street address.' },
    });
  });
});

describe('nameChangeErrors', () => {
  it('names the field for a too-long name, and says a signed-out shopper', () => {
    expect(nameChangeErrors(400, { error: { details: [{ field: 'name', reason: 'must be at most 120 characters long' }] } })).toEqual({ name: 'Use at most 120 characters.' });
    expect(nameChangeErrors(401, null).form).toContain('signed out');
  });
});

describe('addressSummary and sameAddress', () => {
  it('reads an address in one line, leaving out what is absent', () => {
    expect(addressSummary({ ...home, line2: 'Flat 2' })).toBe('Ada Lovelace, 1 Main Street, Flat 2, Dublin D02 X285, IE');
    expect(addressSummary({ ...home, region: 'Leinster' })).toBe('Ada Lovelace, 1 Main Street, Dublin Leinster D02 X285, IE');
  });

  it('finds the same address whatever the case and spacing, and tells a different one apart', () => {
    expect(sameAddress(home, { ...home, line1: ' 1  main street', postalCode: 'd02x285' })).toBe(true);
    expect(sameAddress(home, { ...home, line2: 'Flat 2' })).toBe(false);
    expect(sameAddress(home, { ...home, country: 'GB' })).toBe(false);
  });
});

describe('defaultAddressOf', () => {
  it('is the default address, or none for an empty book', () => {
    expect(defaultAddressOf([saved('a', false), saved('b', true)])?.id).toBe('b');
    expect(defaultAddressOf([])).toBeNull();
  });
});

describe('deleteAddressNote', () => {
  const at = (id: string, line1: string, isDefault: boolean): SavedAddress => ({ ...saved(id, isDefault), address: { ...home, line1 } });
  const book = [at('a', '1 Main Street', true), at('b', '2 New Road', false), at('c', '3 Old Lane', false)];

  it('says which address becomes the default when the default is deleted: the next in the book (the newest)', () => {
    expect(deleteAddressNote(book, 'a')).toBe('It is your default address: Ada Lovelace, 2 New Road, Dublin D02 X285, IE becomes your default instead.');
  });

  it('says nothing more for another address, the last one, or one no longer in the book', () => {
    expect(deleteAddressNote(book, 'b')).toBeNull();
    expect(deleteAddressNote([book[0]!], 'a')).toBeNull();
    expect(deleteAddressNote(book, 'gone')).toBeNull();
  });
});

describe('an address checkout could not save', () => {
  it('reads the problem from the checkout answer or the page query, nothing else', () => {
    expect(addressSaveProblemOf('full')).toBe('full');
    expect(addressSaveProblemOf('unavailable')).toBe('unavailable');
    expect(addressSaveProblemOf(['full'])).toBeNull();
    expect(addressSaveProblemOf('<script>')).toBeNull();
    expect(addressSaveProblemOf(undefined)).toBeNull();
  });

  it('says the order is placed and why the address is not in the book', () => {
    expect(addressNotSavedText('full')).toBe(
      'Your order is placed, but we could not save the address to your account: your address book is full. Delete an address you no longer use, then add this one.',
    );
    expect(addressNotSavedText('unavailable')).toBe(
      'Your order is placed, but we could not save the address to your account: the address book could not be reached. You can add the address on your account page.',
    );
  });
});
