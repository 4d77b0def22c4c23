import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShippingAddress } from '@shop/contracts';
import { createPrismaClient } from '@shop/persistence';
import { createPgPool } from '@shop/persistence/pg';
import { testEnv } from '@shop/testing';
import { SavedAddressRepository } from '../src/identity/adapters/saved-address.repository.js';
import { UserRepository } from '../src/identity/adapters/user.repository.js';
import { unique } from './gateway-harness.js';

/** The address book's store on the real database: the rules hold under concurrent changes. */
const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'gateway-address-book-tests' });
const users = new UserRepository(prisma);
const store = new SavedAddressRepository(prisma);
// Plain SQL, past the repository and its row lock: what the database itself allows.
const sql = createPgPool({ connectionString: testEnv().databaseUrl, max: 2, application_name: 'gateway-address-book-tests' });
afterAll(async () => {
  await Promise.all([prisma.$disconnect(), sql.end()]);
});

const address = (line1: string): ShippingAddress => ({ name: 'Ada Lovelace', line1, city: 'Dublin', postalCode: 'D02 X285', country: 'IE' });
let minute = 0;
const tick = () => new Date(Date.UTC(2026, 11, 7, 10, minute++));

async function newUser(): Promise<string> {
  const id = randomUUID();
  await users.create({ id, email: `${unique('book')}@example.com`, passwordHash: 'x', role: 'customer', name: 'Ada' });
  return id;
}

const add = (userId: string, line1: string, options: { makeDefault?: boolean; max?: number } = {}) =>
  store.add({ id: randomUUID(), userId, address: address(line1), makeDefault: options.makeDefault ?? false, max: options.max ?? 20, now: tick() });

const defaults = async (userId: string) => (await store.list(userId)).filter((a) => a.isDefault).map((a) => a.address.line1);

describe('SavedAddressRepository', () => {
  it('stores the address as given (optional parts absent stay absent) and makes the first one the default', async () => {
    const userId = await newUser();
    const first = await add(userId, '1 First Street');
    const full = await store.add({ id: randomUUID(), userId, address: { ...address('2 Second Street'), line2: 'Flat 3', region: 'Leinster', phone: '+353 1 234 5678' }, makeDefault: false, max: 20, now: tick() });
    expect(first).toMatchObject({ address: address('1 First Street'), isDefault: true });
    expect(full).toMatchObject({ address: { line2: 'Flat 3', region: 'Leinster', phone: '+353 1 234 5678' }, isDefault: false });
    const listed = await store.list(userId);
    expect(listed.find((a) => a.address.line1 === '1 First Street')?.address).toEqual(address('1 First Street'));
  });

  it('keeps one default: a new default or "make default" takes it from the old one', async () => {
    const userId = await newUser();
    await add(userId, 'a');
    const b = await add(userId, 'b', { makeDefault: true });
    expect(await defaults(userId)).toEqual(['b']);
    const c = await add(userId, 'c');
    if (typeof c === 'string' || typeof b === 'string') throw new Error('not added');
    await store.update({ id: c.id, userId, makeDefault: true, now: tick() });
    expect(await defaults(userId)).toEqual(['c']);
    // Changing the address alone leaves the default where it is.
    await store.update({ id: b.id, userId, address: address('b, moved'), makeDefault: false, now: tick() });
    expect(await defaults(userId)).toEqual(['c']);
    expect((await store.list(userId)).map((a) => a.address.line1).sort()).toEqual(['a', 'b, moved', 'c']);
  });

  it('holds the cap and the single default when one user adds many addresses at once', async () => {
    const userId = await newUser();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => add(userId, `concurrent ${i}`, { max: 3, makeDefault: i % 2 === 0 })));
    expect(results.filter((r) => r === 'full')).toHaveLength(5);
    expect(await store.list(userId)).toHaveLength(3);
    expect(await defaults(userId)).toHaveLength(1);
  });

  it('has the database refuse a second default for one user, however it is written (the partial unique index)', async () => {
    const userId = await newUser();
    const first = await add(userId, 'a');
    await add(userId, 'b');
    if (typeof first === 'string') throw new Error('not added');
    const insert = (line1: string, isDefault: boolean) =>
      sql.query(
        `INSERT INTO identity.saved_address (id, user_id, name, line1, city, postal_code, country, is_default, created_at, updated_at)
         VALUES ($1, $2, 'Ada Lovelace', $3, 'Dublin', 'D02 X285', 'IE', $4, now(), now())`,
        [randomUUID(), userId, line1, isDefault],
      );
    const refusal = { code: '23505', constraint: 'saved_address_one_default_per_user' };
    await expect(insert('second default', true)).rejects.toMatchObject(refusal);
    // Setting a second row's flag without clearing the first is refused the same.
    await expect(sql.query(`UPDATE identity.saved_address SET is_default = true WHERE user_id = $1 AND line1 = 'b'`, [userId])).rejects.toMatchObject(refusal);
    // Rows that are not the default are not limited by it, and another account has a default of its own.
    await insert('not default', false);
    const other = await newUser();
    await add(other, 'theirs');
    expect(await defaults(userId)).toEqual(['a']);
    expect(await defaults(other)).toEqual(['theirs']);
    // The repository's switch clears the old default before it sets the new one, in one transaction: it passes.
    const c = await add(userId, 'c', { makeDefault: true });
    expect(await defaults(userId)).toEqual(['c']);
    if (typeof c === 'string') throw new Error('not added');
    await store.update({ id: first.id, userId, makeDefault: true, now: tick() });
    expect(await defaults(userId)).toEqual(['a']);
    expect(await store.remove(userId, first.id, tick())).toBe(true);
    expect(await defaults(userId)).toHaveLength(1);
  });

  it('promotes the newest other address when the default is deleted, and none when the last one goes', async () => {
    const userId = await newUser();
    const a = await add(userId, 'a');
    await add(userId, 'b');
    const c = await add(userId, 'c');
    if (typeof a === 'string' || typeof c === 'string') throw new Error('not added');
    expect(await store.remove(userId, a.id, tick())).toBe(true);
    expect(await defaults(userId)).toEqual(['c']);
    for (const left of await store.list(userId)) await store.remove(userId, left.id, tick());
    expect(await store.list(userId)).toEqual([]);
    expect(await store.remove(userId, c.id, tick())).toBe(false);
  });

  it("never reaches another user's address: not found for update and delete, and untouched", async () => {
    const owner = await newUser();
    const other = await newUser();
    const mine = await add(owner, 'mine');
    if (typeof mine === 'string') throw new Error('not added');
    expect(await store.update({ id: mine.id, userId: other, address: address('stolen'), makeDefault: true, now: tick() })).toBeNull();
    expect(await store.remove(other, mine.id, tick())).toBe(false);
    expect((await store.list(owner)).map((a) => a.address.line1)).toEqual(['mine']);
    expect(await store.list(other)).toEqual([]);
  });

  it("refuses changes to a deleted account's book, and the account's deletion forgets its addresses and name", async () => {
    const userId = await newUser();
    await add(userId, 'home');
    expect(await users.softDelete(userId, tick())).toBe(true);
    expect(await store.list(userId)).toEqual([]);
    expect(await add(userId, 'after')).toBe('no_user');
    const row = await prisma.user.findUnique({ where: { id: userId }, select: { name: true } });
    expect(row?.name).toBeNull();
  });
});
