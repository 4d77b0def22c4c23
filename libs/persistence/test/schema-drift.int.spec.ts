import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/migrations/migrator.js';
import { migrationsDir } from '../src/paths.js';
import { latestSnapshot } from '../src/tooling/new-migration.js';
import { diffSchemas, isEmptyMigration, readSchemaFiles } from '../src/tooling/schema-diff.js';
import { compareStructures } from '../src/tooling/schema-structure.js';
import { createScratchDatabase, dropScratchDatabase } from './support/scratch-database.js';
import { runSql, structureOf } from './support/structure-of.js';

/**
 * Drift check: the database the migrations build must be the database the Prisma schema
 * describes, or the generated client will query columns that do not exist (or miss
 * constraints we rely on). One database is built from prisma/migrations, the other from
 * the schema engine's SQL for the current schema, and their catalogs are compared.
 *
 * Hand-written migration objects that Prisma cannot model would show up here as
 * differences; CHECK constraints are already ignored. Anything else must be listed below,
 * one exact difference line each, with the reason.
 */
const ACCEPTED_DIFFERENCES: string[] = [];

const FIX_HINT =
  'The migrations and prisma/schema disagree. If you changed the schema, run `npm run db:migration:new -- <name>`; ' +
  'if a migration was edited by hand, put the change in the schema too (or list it in ACCEPTED_DIFFERENCES with a reason).';

describe('migrations vs. Prisma schema', () => {
  let migrated: string;
  let fromSchema: string;

  beforeAll(async () => {
    [migrated, fromSchema] = await Promise.all([createScratchDatabase('drift_mig'), createScratchDatabase('drift_schema')]);
    await applyMigrations(migrated, migrationsDir());
    await runSql(fromSchema, await diffSchemas('empty', readSchemaFiles()));
  });
  afterAll(async () => {
    await Promise.all([dropScratchDatabase(migrated), dropScratchDatabase(fromSchema)]);
  });

  it('build the same database structure', async () => {
    const [a, b] = await Promise.all([structureOf(migrated), structureOf(fromSchema)]);
    expect(Object.keys(b.tables).length).toBeGreaterThan(0);
    const differences = compareStructures(a, b, ['migrations', 'schema']).filter((d) => !ACCEPTED_DIFFERENCES.includes(d));
    expect(differences, `${FIX_HINT}\n${differences.join('\n')}`).toEqual([]);
  });

  it('have no schema change waiting for a migration', async () => {
    const snapshot = latestSnapshot(migrationsDir());
    expect(snapshot, 'prisma/migrations has no migration with a schema snapshot').not.toBeNull();
    const pending = await diffSchemas(snapshot?.files ?? 'empty', readSchemaFiles());
    expect(isEmptyMigration(pending), `${FIX_HINT}\nPending SQL since ${snapshot?.migrationName}:\n${pending}`).toBe(true);
  });
});
