import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../database-url.js';
import { migrationsDir } from '../paths.js';
import { MigrationError } from './migration-error.js';
import { readMigrations, type MigrationFile } from './migration-files.js';

/**
 * The key Prisma's schema engine locks while it migrates a Postgres database. Taking the
 * same one makes this applier and `prisma migrate deploy` wait for each other, as well as
 * two runs of this applier.
 */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's bookkeeping table, column for column as its schema engine creates it. */
const MIGRATIONS_TABLE_DDL = (table: string) => `
CREATE TABLE IF NOT EXISTS ${table} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface ApplyMigrationsResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied before this call. */
  alreadyApplied: string[];
  /** Applied in the database but absent from the folder (e.g. from another branch); left alone. */
  unknownInDatabase: string[];
}

export interface ApplyMigrationsOptions {
  /** Called with one line per migration applied. */
  log?: (line: string) => void;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Prisma keeps `_prisma_migrations` in the connection's schema: the URL's `schema`
 * parameter, else `public`.
 */
function migrationsTable(databaseUrl: string): string {
  const schema = new URL(databaseUrl).searchParams.get('schema') ?? 'public';
  return `${quoteIdent(schema)}."_prisma_migrations"`;
}

/**
 * Applies the folder's pending migrations in order, each in its own transaction together
 * with its `_prisma_migrations` row, so `prisma migrate deploy` later sees them as applied.
 * Refuses, before applying anything, when an applied migration's file has changed or when
 * Prisma recorded a failed migration that nobody resolved.
 */
export async function applyMigrations(
  databaseUrl: string,
  dir: string = migrationsDir(),
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const files = readMigrations(dir);
  const table = migrationsTable(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  // A connection dropped while idle surfaces as an 'error' event; the next query reports it.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(MIGRATIONS_TABLE_DDL(table));
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at`,
      );
      const plan = planMigrations(files, rows);
      for (const file of plan.pending) {
        await applyOne(client, table, file);
        options.log?.(`Applied migration ${file.name}`);
      }
      return { applied: plan.pending.map((f) => f.name), alreadyApplied: plan.alreadyApplied, unknownInDatabase: plan.unknownInDatabase };
    } finally {
      // Closing the session releases the lock too, so a failed unlock must not hide the real error.
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

interface MigrationPlan {
  pending: MigrationFile[];
  alreadyApplied: string[];
  unknownInDatabase: string[];
}

/** Decides what to apply from the folder and the bookkeeping rows; throws on edited or failed migrations. */
export function planMigrations(files: MigrationFile[], rows: AppliedRow[]): MigrationPlan {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration ${failed.join(', ')} failed earlier and is recorded as unfinished in _prisma_migrations; ` +
        'fix the database by hand, then mark it rolled back (set rolled_back_at) before migrating again.',
    );
  }
  const applied = new Map(live.map((r) => [r.migration_name, r.checksum]));
  const edited = files.filter((f) => applied.has(f.name) && applied.get(f.name) !== f.checksum).map((f) => f.name);
  if (edited.length > 0) {
    throw new MigrationError(
      `Migration ${edited.join(', ')} was changed after it was applied (checksum differs); ` +
        'restore the original file and put the change in a new migration (npm run db:migration:new -- <name>).',
    );
  }
  const names = new Set(files.map((f) => f.name));
  return {
    pending: files.filter((f) => !applied.has(f.name)),
    alreadyApplied: files.filter((f) => applied.has(f.name)).map((f) => f.name),
    unknownInDatabase: [...applied.keys()].filter((name) => !names.has(name)),
  };
}

async function applyOne(client: pg.Client, table: string, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO ${table} (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`, [
      id,
      file.checksum,
      file.name,
    ]);
    // No parameters: pg sends the whole file as one simple query, so it may hold many statements.
    await client.query(file.sql);
    await client.query(`UPDATE ${table} SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`, { cause: err });
  }
}
