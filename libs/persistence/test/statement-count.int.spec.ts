import { testEnv } from '@shop/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/prisma-client.js';

describe('onStatement', () => {
  const sent: string[] = [];
  const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, poolMax: 2, applicationName: 'persistence-test', onStatement: (sql) => sent.push(sql) });
  afterAll(() => prisma.$disconnect());

  it('is told of each statement the client sends, raw or through a model', async () => {
    await prisma.$queryRaw`SELECT 41 + 1 AS answer`;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('SELECT 41 + 1');
    await prisma.category.findMany({ where: { slug: 'no-such-category' } });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/FROM .*category/i);
  });
});
