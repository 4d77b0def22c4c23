import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSchemas, readSchemaFiles } from '../src/tooling/schema-diff.js';
import { compareStructures } from '../src/tooling/schema-structure.js';
import { createScratchDatabase, dropScratchDatabase } from './support/scratch-database.js';
import { runSql, structureOf } from './support/structure-of.js';

// The drift check is only as good as what readDatabaseStructure sees: change a real
// database the ways drift happens and make sure every change is reported.
describe('readDatabaseStructure + compareStructures on real databases', () => {
  let schemaSql: string;
  const urls: string[] = [];

  async function freshFromSchema(): Promise<string> {
    const url = await createScratchDatabase('struct');
    urls.push(url);
    await runSql(url, schemaSql);
    return url;
  }

  beforeAll(async () => {
    schemaSql = await diffSchemas('empty', readSchemaFiles());
  });
  afterAll(async () => {
    await Promise.all(urls.map(dropScratchDatabase));
  });

  it('reports nullability, type, default, index, foreign key, enum and table changes', async () => {
    const [reference, drifted] = await Promise.all([freshFromSchema(), freshFromSchema()]);
    await runSql(
      drifted,
      `ALTER TABLE catalog.product ALTER COLUMN title DROP NOT NULL;
       ALTER TABLE catalog.variant ALTER COLUMN price_amount TYPE BIGINT;
       ALTER TABLE catalog.category ALTER COLUMN position SET DEFAULT 5;
       DROP INDEX catalog.product_status_title_id_idx;
       ALTER TABLE catalog.variant DROP CONSTRAINT variant_product_id_fkey;
       ALTER TYPE catalog."ProductStatus" ADD VALUE 'hidden';
       CREATE TABLE messaging.extra (id INT);`,
    );
    const differences = compareStructures(await structureOf(reference), await structureOf(drifted), ['schema', 'db']);
    expect(differences).toEqual([
      'enum catalog.ProductStatus: values (draft, active, archived) in schema, (draft, active, archived, hidden) in db',
      'table messaging.extra: only in db',
      'column catalog.category.position: integer NOT NULL DEFAULT 0 in schema, integer NOT NULL DEFAULT 5 in db',
      'column catalog.product.title: text NOT NULL in schema, text NULL in db',
      'index product_status_title_id_idx on catalog.product: only in schema',
      'column catalog.variant.price_amount: integer NOT NULL in schema, bigint NOT NULL in db',
      'foreign key variant_product_id_fkey on catalog.variant: only in schema',
    ]);
  });

  it('ignores CHECK constraints and the _prisma_migrations table', async () => {
    const [reference, withChecks] = await Promise.all([freshFromSchema(), freshFromSchema()]);
    await runSql(
      withChecks,
      `ALTER TABLE catalog.variant ADD CONSTRAINT variant_price_non_negative CHECK (price_amount >= 0);
       CREATE TABLE public._prisma_migrations (id VARCHAR(36) PRIMARY KEY);`,
    );
    expect(compareStructures(await structureOf(reference), await structureOf(withChecks))).toEqual([]);
  });
});
