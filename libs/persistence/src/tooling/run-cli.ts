import { isDatabaseUnavailableError } from '../database-errors.js';
import { redactUrl } from '../database-url.js';
import { MigrationError } from '../migrations/migration-error.js';

/** The database the db:* commands work on, with the same default as every service. */
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/shop';

export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/**
 * Runs a db:* command: expected failures (database down, refused migration) print one line
 * and exit 1; anything else is a bug and keeps its stack trace.
 */
export async function runCli(main: () => Promise<void>, databaseUrl?: string): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (isDatabaseUnavailableError(err)) {
      const where = databaseUrl ? ` at ${redactUrl(databaseUrl)}` : '';
      console.error(`error: cannot reach PostgreSQL${where} (${oneLine(err)}); is it running?`);
    } else if (err instanceof MigrationError) {
      console.error(`error: ${oneLine(err)}`);
    } else if (isPostgresError(err)) {
      // A Postgres error (e.g. 28000 role does not exist, 42501 permission denied): its message says it all.
      console.error(`error: PostgreSQL refused: ${oneLine(err)}`);
    } else {
      throw err;
    }
    process.exitCode = 1;
  }
}

function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** An error Postgres itself raised: it carries a five-character SQLSTATE. */
function isPostgresError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
