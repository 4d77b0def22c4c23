import { describe, expect, it } from 'vitest';
import { CreateSavedAddressBody, UpdateSavedAddressBody } from './address-book.js';
import { RegisterBody, UpdateMeBody } from './identity.js';

const home = { name: 'Ada Lovelace', line1: '1 Main Street', city: 'Dublin', postalCode: 'D02 X285', country: 'ie' };
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.'));

describe('CreateSavedAddressBody', () => {
  it('takes a shipping address as checkout does (country upper-cased, blank optional fields dropped)', () => {
    const body = CreateSavedAddressBody.parse({ address: { ...home, line2: '  ' }, makeDefault: true });
    expect(body).toEqual({ address: { ...home, country: 'IE', line2: undefined }, makeDefault: true });
  });

  it('names the field of a bad address by its path, and refuses a postal code of another country', () => {
    expect(paths(CreateSavedAddressBody.safeParse({ address: { ...home, city: '' } }))).toEqual(['address.city']);
    expect(paths(CreateSavedAddressBody.safeParse({ address: { ...home, postalCode: '10115' } }))).toEqual(['address.postalCode']);
    expect(paths(CreateSavedAddressBody.safeParse({ address: home, colour: 'red' }))).toEqual(['']);
  });
});

describe('UpdateSavedAddressBody', () => {
  it('takes a new address, making it the default, or both', () => {
    expect(UpdateSavedAddressBody.safeParse({ address: home }).success).toBe(true);
    expect(UpdateSavedAddressBody.safeParse({ makeDefault: true }).success).toBe(true);
    expect(UpdateSavedAddressBody.safeParse({ address: home, makeDefault: true }).success).toBe(true);
  });

  it('refuses an empty change and an "un-default", naming the field', () => {
    expect(paths(UpdateSavedAddressBody.safeParse({}))).toEqual(['address']);
    expect(paths(UpdateSavedAddressBody.safeParse({ makeDefault: false }))).toEqual(['makeDefault']);
  });
});

describe('the account name', () => {
  it('is optional at sign-up, trimmed, 1 to 120 characters', () => {
    const body = { email: 'ada@example.com', password: 'correct horse battery' };
    expect(RegisterBody.parse(body).name).toBeUndefined();
    expect(RegisterBody.parse({ ...body, name: '  Ada Lovelace ' }).name).toBe('Ada Lovelace');
    expect(paths(RegisterBody.safeParse({ ...body, name: '   ' }))).toEqual(['name']);
    expect(paths(RegisterBody.safeParse({ ...body, name: 'x'.repeat(121) }))).toEqual(['name']);
    expect(RegisterBody.safeParse({ ...body, name: 'x'.repeat(120) }).success).toBe(true);
  });

  it('is changed or removed (null) by PATCH /api/me, and nothing else is', () => {
    expect(UpdateMeBody.parse({ name: ' Ada ' })).toEqual({ name: 'Ada' });
    expect(UpdateMeBody.parse({ name: null })).toEqual({ name: null });
    expect(paths(UpdateMeBody.safeParse({}))).toEqual(['name']);
    expect(paths(UpdateMeBody.safeParse({ name: 'Ada', email: 'x@example.com' }))).toEqual(['']);
  });
});
