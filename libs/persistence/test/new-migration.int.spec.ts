import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/migrations/migrator.js';
import { createNewMigration, latestSnapshot, SNAPSHOT_FILE } from '../src/tooling/new-migration.js';
import { diffSchemas, readSchemaFiles } from '../src/tooling/schema-diff.js';
import { compareStructures } from '../src/tooling/schema-structure.js';
import { createScratchDatabase, dropScratchDatabase } from './support/scratch-database.js';
import { runSql, structureOf } from './support/structure-of.js';

const BASE = `generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "postgresql"
  schemas  = ["shop"]
}
`;

const WIDGET = `model Widget {
  id   Int    @id @default(autoincrement())
  name String

  @@map("widget")
  @@schema("shop")
}
`;

describe('createNewMigration (npm run db:migration:new)', () => {
  let root: string;
  let schemaDir: string;
  let migrationsDir: string;
  const urls: string[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'new-migration-'));
    schemaDir = join(root, 'schema');
    migrationsDir = join(root, 'migrations');
    mkdirSync(schemaDir);
    writeFileSync(join(schemaDir, 'base.prisma'), BASE);
    writeFileSync(join(schemaDir, 'shop.prisma'), WIDGET);
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all(urls.map(dropScratchDatabase));
  });

  it('writes the first migration from an empty database, with the lock file and a snapshot', async () => {
    const result = await createNewMigration({ name: 'Init', schemaDir, migrationsDir, now: new Date('2026-03-01T10:00:00Z') });

    expect(result).toMatchObject({ migrationName: '20260301100000_init', basedOn: null });
    expect(result.sql).toContain('CREATE SCHEMA IF NOT EXISTS "shop"');
    expect(result.sql).toContain('CREATE TABLE "shop"."widget"');
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    expect(readFileSync(join(migrationsDir, '20260301100000_init', SNAPSHOT_FILE), 'utf8')).toContain('model Widget');
  });

  it('writes nothing when the schema has not changed', async () => {
    const result = await createNewMigration({ name: 'noop', schemaDir, migrationsDir, now: new Date('2026-03-02T10:00:00Z') });
    expect(result).toEqual({ migrationName: null, sql: '', basedOn: '20260301100000_init' });
  });

  it('writes only the difference from the previous snapshot, creating new Postgres schemas', async () => {
    writeFileSync(join(schemaDir, 'base.prisma'), BASE.replace('["shop"]', '["shop", "audit"]'));
    writeFileSync(
      join(schemaDir, 'shop.prisma'),
      `${WIDGET.replace('name String', 'name String\n  size Int    @default(1)')}
model AuditEntry {
  id   BigInt @id @default(autoincrement())
  note String

  @@map("audit_entry")
  @@schema("audit")
}
`,
    );
    // The same second as the previous migration: the new one must still sort after it.
    const result = await createNewMigration({ name: 'add-size and audit', schemaDir, migrationsDir, now: new Date('2026-03-01T10:00:00Z') });

    expect(result.migrationName).toBe('20260301100001_add_size_and_audit');
    expect(result.basedOn).toBe('20260301100000_init');
    expect(result.sql).toMatch(/ALTER TABLE "shop"."widget" ADD COLUMN\s+"size" INTEGER NOT NULL DEFAULT 1/);
    expect(result.sql).toContain('CREATE SCHEMA IF NOT EXISTS "audit"');
    expect(result.sql).not.toContain('CREATE TABLE "shop"."widget"');
  });

  it('writes an empty migration for hand-written SQL that keeps the previous snapshot', async () => {
    writeFileSync(join(schemaDir, 'shop.prisma'), `${readFileSync(join(schemaDir, 'shop.prisma'), 'utf8')}\n// a comment only\n`);
    const result = await createNewMigration({ name: 'widget_checks', empty: true, schemaDir, migrationsDir, now: new Date('2026-03-03T10:00:00Z') });
    expect(result.migrationName).toBe('20260303100000_widget_checks');
    const folder = join(migrationsDir, '20260303100000_widget_checks');
    writeFileSync(join(folder, 'migration.sql'), 'ALTER TABLE "shop"."widget" ADD CONSTRAINT widget_size_positive CHECK (size > 0);\n');
    expect(readFileSync(join(folder, SNAPSHOT_FILE), 'utf8')).toBe(
      readFileSync(join(migrationsDir, '20260301100001_add_size_and_audit', SNAPSHOT_FILE), 'utf8'),
    );
    expect(latestSnapshot(migrationsDir)?.migrationName).toBe('20260303100000_widget_checks');
  });

  it('produces migrations that, applied in order, build what the schema describes', async () => {
    const [migrated, direct] = await Promise.all([createScratchDatabase('newmig_a'), createScratchDatabase('newmig_b')]);
    urls.push(migrated, direct);
    await applyMigrations(migrated, migrationsDir);
    await runSql(direct, await diffSchemas('empty', readSchemaFiles(schemaDir)));
    expect(compareStructures(await structureOf(migrated), await structureOf(direct))).toEqual([]);
  });

  it('rejects names that are not snake_case', async () => {
    await expect(createNewMigration({ name: 'drop; table', schemaDir, migrationsDir })).rejects.toThrow(/snake_case/);
    expect(existsSync(join(migrationsDir, 'drop;_table'))).toBe(false);
  });
});
