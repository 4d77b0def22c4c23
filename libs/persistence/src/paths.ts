import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The monorepo root: the nearest ancestor of this file that holds `prisma/schema`.
 * Found by walking up so it works from src/ (tsx, vitest) and from dist/ alike.
 */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'prisma', 'schema')) && existsSync(join(dir, 'package.json'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the repository root (no prisma/schema folder above @shop/persistence).');
    dir = parent;
  }
}

/** `prisma/migrations` of the repository: one `<timestamp>_<name>/migration.sql` per migration. */
export function migrationsDir(): string {
  return resolve(repoRoot(), 'prisma', 'migrations');
}

/** `prisma/schema`: the multi-file Prisma schema (one file per bounded context). */
export function prismaSchemaDir(): string {
  return resolve(repoRoot(), 'prisma', 'schema');
}
