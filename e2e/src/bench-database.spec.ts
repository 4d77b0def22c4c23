import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { benchDatabase, benchDatabaseOwner } from '../../scripts/lib/bench-process.js';

const serverUrl = process.env.DATABASE_URL!;
const name = `bench_selftest_${randomBytes(3).toString('hex')}`;

async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const databasesOf = (prefix: string): Promise<string[]> =>
  onServer(serverUrl, async (c) => (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname', [`${prefix}_`])).rows.map((r) => r.datname));

/** A bench's database outlives a run its safety net killed; the next run of that bench drops it. */
describe('bench databases', () => {
  afterAll(async () => {
    const names = await databasesOf(name);
    await onServer(serverUrl, async (c) => {
      for (const datname of names) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  });

  it('reads the owning process from a bench database name and nothing from other names', () => {
    expect(benchDatabaseOwner('bench_checkout', 'bench_checkout_1764968400000_4242')).toBe(4242);
    expect(benchDatabaseOwner('bench_checkout', 'bench_checkout_x_4242')).toBeNull();
    expect(benchDatabaseOwner('bench_checkout', 'bench_checkout_extra_1764968400000_4242')).toBeNull();
    expect(benchDatabaseOwner('bench_checkout', 'shop_test_1764968400_4242_abc')).toBeNull();
  });

  it("drops the databases of runs whose process is gone, keeps a running one's, and migrates its own", async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // exited by the time spawnSync returns
    const deadRun = `${name}_1000_${gone}`;
    const liveRun = `${name}_2000_${process.ppid}`; // the runner that started this test: alive
    await onServer(serverUrl, async (c) => {
      await c.query(`CREATE DATABASE "${deadRun}"`);
      await c.query(`CREATE DATABASE "${liveRun}"`);
    });

    const { databaseName, databaseUrl } = await benchDatabase(serverUrl, name);

    const left = await databasesOf(name);
    expect(left).not.toContain(deadRun);
    expect(left).toContain(liveRun);
    expect(left).toContain(databaseName);
    const migrated = await onServer(databaseUrl, (c) => c.query<{ n: string }>('SELECT count(*) AS n FROM _prisma_migrations'));
    expect(Number(migrated.rows[0]!.n)).toBeGreaterThan(0);
  }, 60_000);
});
