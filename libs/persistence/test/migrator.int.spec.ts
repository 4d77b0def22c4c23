import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from '../src/database-errors.js';
import { ensureDatabase } from '../src/database-admin.js';
import { MigrationError } from '../src/migrations/migration-error.js';
import { applyMigrations } from '../src/migrations/migrator.js';
import { createScratchDatabase, dropScratchDatabase } from './support/scratch-database.js';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('applyMigrations', () => {
  let dir: string;
  let url: string;

  const write = (name: string, sql: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  };
  const rows = () => query<MigrationRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    url = await createScratchDatabase('mig');
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropScratchDatabase(url);
  });

  it('applies migrations in folder-name order and keeps Prisma’s bookkeeping', async () => {
    // Written out of order on purpose: the second depends on the first.
    write('20260102000000_add_price', 'ALTER TABLE shop_item ADD COLUMN price INTEGER NOT NULL DEFAULT 0;');
    write('20260101000000_init', 'CREATE SCHEMA IF NOT EXISTS demo;\nCREATE TABLE shop_item (id SERIAL PRIMARY KEY);\nCREATE TABLE demo.thing (id INT);');

    const result = await applyMigrations(url, dir);

    expect(result).toEqual({ applied: ['20260101000000_init', '20260102000000_add_price'], alreadyApplied: [], unknownInDatabase: [] });
    const applied = await rows();
    expect(applied.map((r) => r.migration_name)).toEqual(['20260101000000_init', '20260102000000_add_price']);
    const expectedChecksum = createHash('sha256')
      .update('ALTER TABLE shop_item ADD COLUMN price INTEGER NOT NULL DEFAULT 0;')
      .digest('hex');
    expect(applied[1]).toMatchObject({ checksum: expectedChecksum, logs: null, rolled_back_at: null, applied_steps_count: 1 });
    for (const row of applied) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    const columns = await query<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'shop_item' ORDER BY 1`);
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'price']);
  });

  it('creates the bookkeeping table exactly as Prisma’s schema engine does', async () => {
    write('20260101000000_init', 'SELECT 1;');
    await applyMigrations(url, dir);
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
      url,
      `SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO', character_maximum_length: 36 },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO', character_maximum_length: 64 },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES', character_maximum_length: null },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO', character_maximum_length: 255 },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES', character_maximum_length: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES', character_maximum_length: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO', character_maximum_length: null },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO', character_maximum_length: null },
    ]);
  });

  it('does nothing on a second run, then applies only a newly added migration', async () => {
    write('20260101000000_init', 'CREATE TABLE a (id INT);');
    await applyMigrations(url, dir);

    const second = await applyMigrations(url, dir);
    expect(second).toEqual({ applied: [], alreadyApplied: ['20260101000000_init'], unknownInDatabase: [] });
    expect(await rows()).toHaveLength(1);

    write('20260201000000_more', 'CREATE TABLE b (id INT);');
    const third = await applyMigrations(url, dir);
    expect(third.applied).toEqual(['20260201000000_more']);
    expect(await rows()).toHaveLength(2);
  });

  it('refuses, before applying anything, when an applied migration was edited', async () => {
    write('20260101000000_init', 'CREATE TABLE a (id INT);');
    await applyMigrations(url, dir);
    write('20260101000000_init', 'CREATE TABLE a (id BIGINT);');
    write('20260201000000_more', 'CREATE TABLE b (id INT);');

    const run = applyMigrations(url, dir);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(/20260101000000_init was changed after it was applied/);
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'b'`);
    expect(tables).toHaveLength(0);
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    write('20260101000000_init', 'CREATE TABLE a (id INT);');
    write('20260102000000_broken', 'CREATE TABLE half_done (id INT);\nSELECT * FROM no_such_table;');

    await expect(applyMigrations(url, dir)).rejects.toThrow(/20260102000000_broken failed and was rolled back: .*no_such_table/);

    expect((await rows()).map((r) => r.migration_name)).toEqual(['20260101000000_init']);
    const halfDone = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(halfDone).toHaveLength(0);
  });

  it('refuses while Prisma has a failed migration on record', async () => {
    write('20260101000000_init', 'CREATE TABLE a (id INT);');
    await applyMigrations(url, dir);
    await query(url, `INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'y', '20260101500000_failed_elsewhere')`);
    write('20260201000000_more', 'CREATE TABLE b (id INT);');

    await expect(applyMigrations(url, dir)).rejects.toThrow(/20260101500000_failed_elsewhere failed earlier/);
  });

  it('reports migrations applied in the database that the folder lacks', async () => {
    write('20260101000000_init', 'CREATE TABLE a (id INT);');
    await applyMigrations(url, dir);
    rmSync(join(dir, '20260101000000_init'), { recursive: true });
    write('20260201000000_other_branch', 'CREATE TABLE b (id INT);');

    const result = await applyMigrations(url, dir);
    expect(result).toEqual({ applied: ['20260201000000_other_branch'], alreadyApplied: [], unknownInDatabase: ['20260101000000_init'] });
  });

  it('lets concurrent runs apply each migration exactly once', async () => {
    // Without the advisory lock the second CREATE TABLE of each migration would fail.
    for (let i = 1; i <= 5; i++) write(`2026010${i}000000_m${i}`, `CREATE TABLE t${i} (id INT);`);

    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(url, dir)));

    const appliedByAll = results.flatMap((r) => r.applied).sort();
    expect(appliedByAll).toEqual(['20260101000000_m1', '20260102000000_m2', '20260103000000_m3', '20260104000000_m4', '20260105000000_m5']);
    expect(await rows()).toHaveLength(5);
  });

  it('rejects a migration folder without migration.sql', async () => {
    mkdirSync(join(dir, '20260101000000_empty'));
    await expect(applyMigrations(url, dir)).rejects.toThrow(/20260101000000_empty has no migration.sql/);
  });
});

describe('ensureDatabase', () => {
  it('creates a missing database once, even when called concurrently', async () => {
    const url = await createScratchDatabase('ens');
    await dropScratchDatabase(url);
    try {
      const created = await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
      expect(created.filter(Boolean).length).toBeLessThanOrEqual(1);
      expect(await ensureDatabase(url)).toBe(false);
      expect(await query<{ one: number }>(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await dropScratchDatabase(url);
    }
  });
});

describe('when PostgreSQL is unreachable', () => {
  it('applyMigrations fails with an error recognised as "database unavailable"', async () => {
    const error = await applyMigrations('postgresql://postgres@127.0.0.1:1/nowhere', join(import.meta.dirname, '../../../prisma/migrations')).catch(
      (err: unknown) => err,
    );
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });
});
