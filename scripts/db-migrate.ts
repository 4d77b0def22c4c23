// npm run db:migrate — creates DATABASE_URL's database if missing, then applies prisma/migrations.
import { ensureDatabase } from '../libs/persistence/src/database-admin.js';
import { databaseName } from '../libs/persistence/src/database-url.js';
import { applyMigrations } from '../libs/persistence/src/migrations/migrator.js';
import { migrationsDir } from '../libs/persistence/src/paths.js';
import { databaseUrlFromEnv, runCli } from './db-cli.js';

const databaseUrl = databaseUrlFromEnv();

await runCli(async () => {
  if (await ensureDatabase(databaseUrl)) console.log(`Created database ${databaseName(databaseUrl)}`);
  const result = await applyMigrations(databaseUrl, migrationsDir(), { log: (line) => console.log(line) });
  for (const name of result.unknownInDatabase) console.warn(`warning: ${name} is applied in the database but not in prisma/migrations`);
  console.log(
    result.applied.length === 0
      ? `Database ${databaseName(databaseUrl)} is up to date (${result.alreadyApplied.length} migrations).`
      : `Applied ${result.applied.length} migration(s) to ${databaseName(databaseUrl)}.`,
  );
}, databaseUrl);
