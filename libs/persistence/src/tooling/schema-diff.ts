import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Wasm from '@prisma/schema-engine-wasm';
import { prismaSchemaDir, repoRoot } from '../paths.js';

/**
 * Migration SQL from Prisma's schema engine, run as WebAssembly because the native engine
 * binary cannot be downloaded here (see TOOLCHAIN.md). Development tooling only: it needs
 * devDependencies, so it is not exported from the package index.
 */

export interface SchemaFile {
  /** A path used only in engine messages (relative to the repository root). */
  path: string;
  content: string;
}

type WasmExports = Record<string, unknown>;
type WasmModule = typeof Wasm & { __wbg_set_wasm(exports: WasmExports): void };
/** Node has WebAssembly built in; @types/node for Node 20 does not declare it. */
const webAssembly = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }> };
}).WebAssembly;

let wasmModule: Promise<WasmModule> | undefined;

/**
 * The package's main entry imports the .wasm file as an ES module, which Node 20 cannot do;
 * so instantiate it by hand against the generated JS glue, as a bundler would.
 */
function loadWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(gluePath)) as WasmModule;
    const bytes = readFileSync(gluePath.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm'));
    const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return wasmModule;
}

/** The current schema files of the repository (prisma/schema/*.prisma), sorted by name. */
export function readSchemaFiles(dir: string = prismaSchemaDir()): SchemaFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => ({ path: relative(repoRoot(), join(dir, name)), content: readFileSync(join(dir, name), 'utf8') }));
}

/** Any reachable server will do: the diff reads and writes nothing in it. */
function defaultEngineUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
}

/**
 * SQL that turns a database shaped like `from` (or an empty one) into one shaped like `to`.
 * The engine connects to `databaseUrl` (to learn the server it writes SQL for) but neither
 * reads nor changes anything there.
 */
export async function diffSchemas(from: SchemaFile[] | 'empty', to: SchemaFile[], databaseUrl: string = defaultEngineUrl()): Promise<string> {
  const wasm = await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await wasm.SchemaEngine.new({ datamodels: to.map((f) => [f.path, f.content]) }, () => undefined, adapter);
  try {
    const result = await engine.diff({
      from: from === 'empty' ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: from },
      to: { tag: 'schemaDatamodel', files: to },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/** True when a diff script has no statements (only comments and blank lines). */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}

/** Postgres schemas named in the datasource block (`schemas = [...]`). */
export function declaredSchemas(files: SchemaFile[]): string[] {
  for (const file of files) {
    const match = /datasource\s+\w+\s*\{[^}]*\bschemas\s*=\s*\[([^\]]*)\]/s.exec(file.content);
    if (match?.[1]) return [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
  }
  return [];
}

/**
 * Makes sure every declared Postgres schema is created before anything else uses it:
 * the engine emits CREATE SCHEMA for schemas it sees in use, this covers any it does not.
 */
export function withSchemaCreation(sql: string, schemas: string[]): string {
  const missing = schemas.filter((s) => !new RegExp(`CREATE SCHEMA IF NOT EXISTS "${s}"`).test(sql));
  if (missing.length === 0) return sql;
  const header = missing.map((s) => `-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "${s}";\n`).join('\n');
  return `${header}\n${sql}`;
}
