import type pg from 'pg';

/** A pool or one of its connections (inside withPgTransaction). */
export type PgQueryable = pg.Pool | pg.PoolClient;
export type PgPool = pg.Pool;

const texts = new Map<string, string>();

/**
 * Runs a named prepared statement: each connection parses and plans it once, then only binds and
 * executes it (a hot statement skips the parse, and Prisma's client layer, on every call).
 * Postgres keys prepared statements by name per connection, so one name must always carry the
 * same text: a second text under a used name throws here instead of failing on some connection.
 */
export async function queryNamed<Row extends pg.QueryResultRow>(
  db: PgQueryable,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const known = texts.get(name);
  if (known === undefined) texts.set(name, text);
  else if (known !== text) throw new Error(`prepared statement "${name}" is already defined with another text`);
  const result = await db.query<Row>({ name, text, values: values as unknown[] });
  return result.rows;
}

/**
 * Runs `sql`, a DELETE whose last parameter is how many rows one statement may delete, again and
 * again until a statement deletes fewer than `batchSize` or `goOn` says stop (a service shutting
 * down); answers how many rows went. Short statements: a large backlog of old rows never holds
 * locks, or a shutdown, for long.
 */
export async function deleteInBatches(db: PgQueryable, sql: string, params: readonly unknown[], batchSize: number, goOn: () => boolean = () => true): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.query(sql, [...params, batchSize]);
    const deleted = result.rowCount ?? 0;
    total += deleted;
    if (deleted < batchSize || !goOn()) return total;
  }
}
