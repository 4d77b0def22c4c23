import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSession, MAX_SAVED_ADDRESSES, SavedAddress, SavedAddressList, User } from '@shop/contracts';
import { call, register, startTestGateway, unique, type TestGateway } from './gateway-harness.js';

/** The customer's name (`/api/me`) and address book (`/api/me/addresses`) over HTTP, with their authorization. */
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway?.close();
});

const home = { name: 'Ada Lovelace', line1: '1 Main Street', city: 'Dublin', postalCode: 'D02 X285', country: 'ie' };
const SOMEONE_ELSES = '00000000-0000-4000-8000-000000000000';

async function shopper(): Promise<string> {
  return (await register(gateway.url)).session.accessToken;
}

async function save(token: string, body: unknown) {
  const res = await call(gateway.url, '/api/me/addresses', { token, json: body });
  if (res.status !== 201) throw new Error(`save failed: ${res.status} ${res.text}`);
  return SavedAddress.parse(res.body);
}

describe('the account name', () => {
  it('is taken at sign-up, shown by /api/me, changed and removed by PATCH /api/me', async () => {
    const res = await call(gateway.url, '/api/auth/register', { json: { email: `${unique('named')}@example.com`, password: 'correct horse battery', name: '  Ada Lovelace ' } });
    expect(res.status).toBe(201);
    const session = AuthSession.parse(res.body);
    expect(session.user.name).toBe('Ada Lovelace');
    const renamed = await call(gateway.url, '/api/me', { method: 'PATCH', token: session.accessToken, json: { name: 'Augusta Ada King' } });
    expect(renamed.status).toBe(200);
    expect(User.parse(renamed.body)).toMatchObject({ name: 'Augusta Ada King', email: session.user.email });
    expect((await call(gateway.url, '/api/me', { token: session.accessToken })).body.name).toBe('Augusta Ada King');
    const removed = await call(gateway.url, '/api/me', { method: 'PATCH', token: session.accessToken, json: { name: null } });
    expect(removed.body.name).toBeNull();
  });

  it('is null for an account registered without one', async () => {
    const { session } = await register(gateway.url);
    expect(session.user.name).toBeNull();
  });

  it('refuses a bad name or another field, naming it, and an anonymous change', async () => {
    const token = await shopper();
    const blank = await call(gateway.url, '/api/me', { method: 'PATCH', token, json: { name: '   ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toEqual([{ field: 'name', reason: 'must not be empty' }]);
    const long = await call(gateway.url, '/api/auth/register', { json: { email: `${unique('long')}@example.com`, password: 'correct horse battery', name: 'x'.repeat(121) } });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([{ field: 'name', reason: 'must be at most 120 characters long' }]);
    const role = await call(gateway.url, '/api/me', { method: 'PATCH', token, json: { name: 'Ada', role: 'admin' } });
    expect(role.status).toBe(400);
    expect(role.body.error.details).toEqual([{ field: 'role', reason: 'is not allowed' }]);
    expect((await call(gateway.url, '/api/me', { method: 'PATCH', json: { name: 'Ada' } })).status).toBe(401);
  });
});

describe('the address book', () => {
  it('answers 401 to anonymous callers on every route', async () => {
    const calls = [
      call(gateway.url, '/api/me/addresses'),
      call(gateway.url, '/api/me/addresses', { json: { address: home } }),
      call(gateway.url, `/api/me/addresses/${SOMEONE_ELSES}`, { method: 'PATCH', json: { makeDefault: true } }),
      call(gateway.url, `/api/me/addresses/${SOMEONE_ELSES}`, { method: 'DELETE' }),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([401, 401, 401, 401]);
  });

  it("answers 404 for another customer's address, and leaves it alone", async () => {
    const owner = await shopper();
    const intruder = await shopper();
    const saved = await save(owner, { address: home });
    const patch = await call(gateway.url, `/api/me/addresses/${saved.id}`, { method: 'PATCH', token: intruder, json: { address: { ...home, line1: 'Stolen' } } });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe('NOT_FOUND');
    expect((await call(gateway.url, `/api/me/addresses/${saved.id}`, { method: 'DELETE', token: intruder })).status).toBe(404);
    expect((await call(gateway.url, '/api/me/addresses', { token: intruder })).body.items).toEqual([]);
    const mine = SavedAddressList.parse((await call(gateway.url, '/api/me/addresses', { token: owner })).body);
    expect(mine.items).toEqual([saved]);
  });

  it('refuses a bad body with 400 naming the field (as checkout names an address field), and a malformed id', async () => {
    const token = await shopper();
    const bad = await call(gateway.url, '/api/me/addresses', { token, json: { address: { ...home, postalCode: '10115', country: 'UK' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([{ field: 'address.country', reason: 'must be an ISO 3166-1 alpha-2 country code such as GB or DE' }]),
    );
    const wrongPostcode = await call(gateway.url, '/api/me/addresses', { token, json: { address: { ...home, postalCode: '10115' } } });
    expect(wrongPostcode.body.error.details).toEqual([{ field: 'address.postalCode', reason: 'must be a postal code of IE, such as D02 X285' }]);
    const saved = await save(token, { address: home });
    const empty = await call(gateway.url, `/api/me/addresses/${saved.id}`, { method: 'PATCH', token, json: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ field: 'address', reason: 'must change the address or make it the default' }]);
    const malformed = await call(gateway.url, '/api/me/addresses/not-an-id', { method: 'DELETE', token });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('makes the first address the default, moves it on request, and promotes another when the default is deleted', async () => {
    const token = await shopper();
    const first = await save(token, { address: home });
    expect(first).toMatchObject({ isDefault: true, address: { ...home, country: 'IE' } });
    const second = await save(token, { address: { ...home, line1: '2 Side Street' } });
    expect(second.isDefault).toBe(false);
    const moved = await call(gateway.url, `/api/me/addresses/${second.id}`, { method: 'PATCH', token, json: { makeDefault: true, address: { ...home, line1: '2 Side Street', line2: 'Flat 4' } } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ isDefault: true, address: { line2: 'Flat 4' } });
    let list = SavedAddressList.parse((await call(gateway.url, '/api/me/addresses', { token })).body);
    expect(list.max).toBe(MAX_SAVED_ADDRESSES);
    expect(list.items.map((a) => [a.id, a.isDefault])).toEqual([[second.id, true], [first.id, false]]);
    expect((await call(gateway.url, `/api/me/addresses/${second.id}`, { method: 'DELETE', token })).status).toBe(204);
    list = SavedAddressList.parse((await call(gateway.url, '/api/me/addresses', { token })).body);
    expect(list.items.map((a) => [a.id, a.isDefault])).toEqual([[first.id, true]]);
  });

  it(`answers 409 past ${MAX_SAVED_ADDRESSES} addresses, saying the book is full`, async () => {
    const token = await shopper();
    for (let i = 0; i < MAX_SAVED_ADDRESSES; i++) await save(token, { address: { ...home, line1: `${i + 1} Main Street` } });
    const more = await call(gateway.url, '/api/me/addresses', { token, json: { address: home } });
    expect(more.status).toBe(409);
    expect(more.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'ADDRESS_BOOK_FULL', max: MAX_SAVED_ADDRESSES } });
    expect(more.body.error.message).toContain('full');
  });
});
