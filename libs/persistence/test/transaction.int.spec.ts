import { randomUUID } from 'node:crypto';
import { testEnv } from '@shop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPrismaClient } from '../src/prisma-client.js';
import { isRetryableTransactionError, withTransaction, type Tx } from '../src/transaction.js';

/** Resolves once `n` parties have arrived: makes two transactions overlap for certain. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === n) release();
    return all;
  };
}

describe('withTransaction against PostgreSQL', () => {
  let prisma: PrismaClient;

  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, poolMax: 4, applicationName: 'persistence-test' });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  const newCategory = (tx: Tx, slug: string) => tx.category.create({ data: { id: randomUUID(), slug, name: slug } });

  it('commits the callback’s writes and returns its value', async () => {
    const slug = `commit-${randomUUID()}`;
    const id = await withTransaction(prisma, async (tx) => (await newCategory(tx, slug)).id);
    expect(await prisma.category.findUnique({ where: { slug } })).toMatchObject({ id });
  });

  it('rolls back everything when the callback throws', async () => {
    const slug = `rollback-${randomUUID()}`;
    await expect(
      withTransaction(prisma, async (tx) => {
        await newCategory(tx, slug);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await prisma.category.findUnique({ where: { slug } })).toBeNull();
  });

  /**
   * Write skew under SERIALIZABLE: both read the same set, both insert into it; Postgres
   * aborts one with 40001. Each callback waits until both have read, so they really overlap.
   */
  async function writeSkew(retries: number): Promise<{ results: PromiseSettledResult<number>[]; attempts: number; group: string }> {
    const group = `skew-${randomUUID()}`;
    const bothRead = barrier(2);
    let attempts = 0;
    const run = () =>
      withTransaction(
        prisma,
        async (tx) => {
          attempts += 1;
          const count = await tx.category.count({ where: { slug: { startsWith: group } } });
          await bothRead();
          await newCategory(tx, `${group}-${randomUUID()}`);
          return count;
        },
        { isolationLevel: 'Serializable', retries },
      );
    const results = await Promise.allSettled([run(), run()]);
    return { results, attempts, group };
  }

  it('re-runs a transaction aborted by a serialization failure (40001)', async () => {
    const { results, attempts, group } = await writeSkew(3);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attempts).toBeGreaterThan(2);
    // The retry saw the other's committed row: the two runs now look serial.
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : -1)).sort()).toEqual([0, 1]);
    expect(await prisma.category.count({ where: { slug: { startsWith: group } } })).toBe(2);
  });

  it('gives up after the allowed retries with the serialization error', async () => {
    const { results, attempts } = await writeSkew(0);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(attempts).toBe(2);
    expect(rejected).toHaveLength(1);
    expect(isRetryableTransactionError(rejected[0]?.reason)).toBe(true);
  });

  it('re-runs a transaction chosen as a deadlock victim (40P01)', async () => {
    const [a, b] = [`dl-a-${randomUUID()}`, `dl-b-${randomUUID()}`];
    await prisma.category.createMany({ data: [a, b].map((slug) => ({ id: randomUUID(), slug, name: slug })) });
    const bothLocked = barrier(2);
    let attempts = 0;
    const lockInOrder = (first: string, second: string) =>
      withTransaction(prisma, async (tx) => {
        attempts += 1;
        await tx.category.update({ where: { slug: first }, data: { position: { increment: 1 } } });
        await bothLocked();
        await tx.category.update({ where: { slug: second }, data: { position: { increment: 1 } } });
      });

    await Promise.all([lockInOrder(a, b), lockInOrder(b, a)]);

    expect(attempts).toBe(3);
    const rows = await prisma.category.findMany({ where: { slug: { in: [a, b] } } });
    expect(rows.map((r) => r.position)).toEqual([2, 2]);
  });

  it('does not re-run on other errors such as a unique violation', async () => {
    const slug = `dup-${randomUUID()}`;
    let attempts = 0;
    await expect(
      withTransaction(prisma, async (tx) => {
        attempts += 1;
        await newCategory(tx, slug);
        await newCategory(tx, slug);
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(attempts).toBe(1);
  });
});
