import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, createPgPool, databaseName, dropDatabase, ensureDatabase, migrationsDir, withDatabaseName } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_COLUMNS, DOCUMENT_RECORD_TYPES, toRow } from '../src/adapters/postgres/document-row.js';
import { PostgresSearchEngine } from '../src/adapters/postgres-search-engine.js';
import { FIXTURE_DOCUMENTS } from './conformance/fixtures.js';

/**
 * The migration that added facet_codes and title_vector fills them for documents indexed before
 * it: a shop that upgrades gets right facets and suggestions without a reindex. Documents are
 * written the old way on the previous migrations, the new one is applied, and what it computed
 * must equal what the engine writes for the same documents.
 */
const MIGRATION = '20261205111045_search_facet_codes';

describe(`migration ${MIGRATION}`, () => {
  let url: string;
  let pool: pg.Pool;
  const oldDir = mkdtempSync(join(tmpdir(), 'search-migrations-'));

  beforeAll(async () => {
    const base = testEnv().databaseUrl;
    url = withDatabaseName(base, `${databaseName(base)}_facet_codes_${randomBytes(2).toString('hex')}`);
    await ensureDatabase(url);
    for (const entry of readdirSync(migrationsDir())) {
      if (entry < MIGRATION || !/^\d{14}_/.test(entry)) cpSync(join(migrationsDir(), entry), join(oldDir, entry), { recursive: true });
    }
    await applyMigrations(url, oldDir);
    pool = createPgPool({ connectionString: url, max: 2 });
  });

  afterAll(async () => {
    await pool?.end();
    rmSync(oldDir, { recursive: true, force: true });
    await dropDatabase(url);
  });

  /** Per product: its facet keys (through the codes) and its title words. */
  const stored = async () => {
    const { rows } = await pool.query<{ product_id: string; keys: string[]; title_words: string }>(
      `SELECT d.product_id, ARRAY(SELECT f.value FROM search.facet_code f WHERE f.code = ANY (d.facet_codes) ORDER BY f.value) AS keys,
              d.title_vector::text AS title_words
         FROM search.document d ORDER BY d.product_id`,
    );
    return rows;
  };

  it('fills facet codes and title words of existing documents as the engine writes them', async () => {
    // The columns of that time: title_vector came with this migration, the list prices and the price now later.
    const later: readonly string[] = ['title_vector', 'list_prices', 'price_now'];
    const oldColumns = DOCUMENT_COLUMNS.filter((c) => !later.includes(c));
    await pool.query(
      `INSERT INTO search.document (${oldColumns.join(', ')})
       SELECT ${oldColumns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${DOCUMENT_RECORD_TYPES})`,
      [JSON.stringify(FIXTURE_DOCUMENTS.map(toRow))],
    );
    await applyMigrations(url, migrationsDir());
    const migrated = await stored();
    expect(migrated).toHaveLength(FIXTURE_DOCUMENTS.length);
    expect(migrated.every((row) => row.keys.includes('#') && row.keys.some((k) => k.startsWith('#price:')))).toBe(true);

    await new PostgresSearchEngine(pool).upsert(FIXTURE_DOCUMENTS); // same versions: rewritten by the engine
    expect(await stored()).toEqual(migrated);
  });
});
