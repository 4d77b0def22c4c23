import type pg from 'pg';

/**
 * The structure of a database as Postgres' catalog describes it, in a form that two
 * databases built different ways (migrations vs. the schema engine's diff) can be compared
 * with. CHECK constraints are left out on purpose: migrations may add hand-written ones
 * that a Prisma schema cannot express.
 */
export interface DatabaseStructure {
  schemas: string[];
  /** `schema.enum` -> labels in order. */
  enums: Record<string, string[]>;
  /** `schema.table` -> its structure. */
  tables: Record<string, TableStructure>;
}

export interface ColumnStructure {
  type: string;
  nullable: boolean;
  default: string | null;
  /** '' none, 'a' GENERATED ALWAYS, 'd' BY DEFAULT AS IDENTITY. */
  identity: string;
  /** '' none, 's' stored generated column. */
  generated: string;
}

export interface TableStructure {
  columns: Record<string, ColumnStructure>;
  /** Constraint name -> definition (pg_get_constraintdef), by kind. */
  primaryKey: Record<string, string>;
  uniqueConstraints: Record<string, string>;
  foreignKeys: Record<string, string>;
  exclusionConstraints: Record<string, string>;
  /** Index name -> CREATE INDEX statement (pg_get_indexdef), covering unique indexes too. */
  indexes: Record<string, string>;
}

/** Tables that are bookkeeping, not part of the model. */
const IGNORED_TABLES = new Set(['public._prisma_migrations']);

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

export async function readDatabaseStructure(client: pg.Client | pg.PoolClient): Promise<DatabaseStructure> {
  const schemas = await client.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY 1`,
  );
  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT n.nspname || '.' || t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE ${USER_SCHEMAS} GROUP BY 1 ORDER BY 1`,
  );
  const columns = await client.query<{ tbl: string; col: string; type: string; nullable: boolean; dflt: string | null; identity: string; generated: string }>(
    `SELECT n.nspname || '.' || c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS dflt,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS}
      ORDER BY 1, a.attnum`,
  );
  const constraints = await client.query<{ tbl: string; name: string; kind: string; def: string }>(
    `SELECT n.nspname || '.' || c.relname AS tbl, k.conname AS name, k.contype::text AS kind, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype IN ('p', 'u', 'f', 'x') AND ${USER_SCHEMAS}
      ORDER BY 1, 2`,
  );
  const indexes = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT n.nspname || '.' || c.relname AS tbl, i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_SCHEMAS}
      ORDER BY 1, 2`,
  );

  const tables: Record<string, TableStructure> = {};
  const table = (name: string): TableStructure =>
    (tables[name] ??= { columns: {}, primaryKey: {}, uniqueConstraints: {}, foreignKeys: {}, exclusionConstraints: {}, indexes: {} });
  for (const c of columns.rows) {
    table(c.tbl).columns[c.col] = { type: c.type, nullable: c.nullable, default: c.dflt, identity: c.identity, generated: c.generated };
  }
  const byKind: Record<string, keyof TableStructure> = { p: 'primaryKey', u: 'uniqueConstraints', f: 'foreignKeys', x: 'exclusionConstraints' };
  for (const k of constraints.rows) {
    const field = byKind[k.kind];
    if (field) (table(k.tbl)[field] as Record<string, string>)[k.name] = k.def;
  }
  for (const i of indexes.rows) table(i.tbl).indexes[i.name] = i.def;
  for (const name of IGNORED_TABLES) delete tables[name];

  return {
    schemas: schemas.rows.map((r) => r.name),
    enums: Object.fromEntries(enums.rows.map((r) => [r.name, r.labels])),
    tables,
  };
}

const CONSTRAINT_KINDS = [
  ['primaryKey', 'primary key'],
  ['uniqueConstraints', 'unique constraint'],
  ['foreignKeys', 'foreign key'],
  ['exclusionConstraints', 'exclusion constraint'],
  ['indexes', 'index'],
] as const;

function describeColumn(c: ColumnStructure): string {
  const parts = [c.type, c.nullable ? 'NULL' : 'NOT NULL'];
  if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.identity) parts.push(c.identity === 'a' ? 'GENERATED ALWAYS AS IDENTITY' : 'GENERATED BY DEFAULT AS IDENTITY');
  if (c.generated) parts.push('GENERATED (stored)');
  return parts.join(' ');
}

/**
 * Every way `left` and `right` differ, one readable line each (empty when they match).
 * `labels` name the two sides in the messages, e.g. ['migrations', 'schema'].
 */
export function compareStructures(left: DatabaseStructure, right: DatabaseStructure, labels: [string, string] = ['left', 'right']): string[] {
  const [l, r] = labels;
  const out: string[] = [];
  /** Reports names present on one side only; returns the names both sides have. */
  const shared = (a: Iterable<string>, b: Iterable<string>, describe: (name: string) => string): string[] => {
    const setA = new Set(a);
    const setB = new Set(b);
    for (const x of setA) if (!setB.has(x)) out.push(`${describe(x)}: only in ${l}`);
    for (const x of setB) if (!setA.has(x)) out.push(`${describe(x)}: only in ${r}`);
    return [...setA].filter((x) => setB.has(x));
  };

  shared(left.schemas, right.schemas, (s) => `schema ${s}`);
  for (const name of shared(Object.keys(left.enums), Object.keys(right.enums), (e) => `enum ${e}`)) {
    const a = left.enums[name]?.join(', ');
    const b = right.enums[name]?.join(', ');
    if (a !== b) out.push(`enum ${name}: values (${a}) in ${l}, (${b}) in ${r}`);
  }
  for (const table of shared(Object.keys(left.tables), Object.keys(right.tables), (t) => `table ${t}`)) {
    const a = left.tables[table] as TableStructure;
    const b = right.tables[table] as TableStructure;
    for (const col of shared(Object.keys(a.columns), Object.keys(b.columns), (c) => `column ${table}.${c}`)) {
      const da = describeColumn(a.columns[col] as ColumnStructure);
      const db = describeColumn(b.columns[col] as ColumnStructure);
      if (da !== db) out.push(`column ${table}.${col}: ${da} in ${l}, ${db} in ${r}`);
    }
    for (const [field, what] of CONSTRAINT_KINDS) {
      for (const key of shared(Object.keys(a[field]), Object.keys(b[field]), (k) => `${what} ${k} on ${table}`)) {
        if (a[field][key] !== b[field][key]) out.push(`${what} ${key} on ${table}: ${a[field][key]} in ${l}, ${b[field][key]} in ${r}`);
      }
    }
  }
  return out;
}
