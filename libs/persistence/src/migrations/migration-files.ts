import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from './migration-error.js';

export interface MigrationFile {
  /** Folder name, e.g. `20260101120000_init`; Prisma's `migration_name`. */
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes, as Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

export function migrationChecksum(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The migrations of a Prisma migrations folder, in the order Prisma applies them
 * (folder names sorted; they start with a UTC timestamp). Plain files such as
 * migration_lock.toml are skipped; a folder without migration.sql is an error.
 */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    // The same comparison as Prisma's CLI, so both apply in the same order.
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = join(dir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`Migration folder ${name} has no migration.sql.`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    });
}
