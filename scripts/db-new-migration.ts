// npm run db:migration:new -- <name> [--empty]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the schema engine's diff from the
// schema snapshot of the latest migration to prisma/schema. --empty writes a blank migration
// for hand-written SQL. See libs/persistence/README.md.
import { relative } from 'node:path';
import { MigrationError } from '../libs/persistence/src/migrations/migration-error.js';
import { migrationsDir, prismaSchemaDir, repoRoot } from '../libs/persistence/src/paths.js';
import { createNewMigration } from '../libs/persistence/src/tooling/new-migration.js';
import { runCli } from './db-cli.js';

await runCli(async () => {
  const args = process.argv.slice(2);
  const empty = args.includes('--empty');
  const name = args.find((a) => !a.startsWith('--'));
  if (!name) throw new MigrationError('usage: npm run db:migration:new -- <snake_case_name> [--empty]');
  const result = await createNewMigration({ name, empty, migrationsDir: migrationsDir(), schemaDir: prismaSchemaDir() });
  if (result.migrationName === null) {
    console.log(`No schema changes since ${result.basedOn ?? 'an empty database'}; no migration written (use --empty for hand-written SQL).`);
    return;
  }
  const folder = relative(repoRoot(), `${migrationsDir()}/${result.migrationName}`);
  console.log(`Wrote ${folder}/migration.sql (from ${result.basedOn ?? 'an empty database'}). Review it, then run npm run db:migrate.`);
});
