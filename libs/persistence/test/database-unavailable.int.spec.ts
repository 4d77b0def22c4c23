import { testEnv } from '@shop/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from '../src/database-errors.js';
import { createPrismaClient } from '../src/prisma-client.js';

// Real failures from the real drivers, not hand-made error objects.
const NOBODY_LISTENS = 'postgresql://postgres@127.0.0.1:1/shop';

describe('isDatabaseUnavailableError with real drivers', () => {
  it('recognises pg’s refused connection', async () => {
    const client = new pg.Client({ connectionString: NOBODY_LISTENS });
    const error = await client.connect().catch((err: unknown) => err);
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it('recognises Prisma’s error when the server cannot be reached', async () => {
    const prisma = createPrismaClient({ databaseUrl: NOBODY_LISTENS });
    try {
      const error = await prisma.category.findFirst().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('does not mistake a query error for an outage', async () => {
    const client = new pg.Client({ connectionString: testEnv().databaseUrl });
    await client.connect();
    try {
      const error = await client.query('SELECT * FROM no_such_table').catch((err: unknown) => err);
      expect(isDatabaseUnavailableError(error)).toBe(false);
    } finally {
      await client.end();
    }
  });
});
