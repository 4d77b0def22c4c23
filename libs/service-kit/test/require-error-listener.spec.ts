import { resolve } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import shop from '../../../eslint-rules/require-error-listener.mjs';

const root = resolve(import.meta.dirname, '..', '..', '..');
const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser as Linter.Parser },
    plugins: { shop },
    rules: { 'shop/require-error-listener': 'error' },
  },
];

function problems(code: string): string[] {
  return linter.verify(code, config, 'apps/sample/src/sample.ts').map((m) => m.message);
}

describe("lint rule shop/require-error-listener: a pg / ioredis connection without an 'error' listener", () => {
  it('flags a bad sample: pg.Pool, pg.Client, a named Pool import and ioredis without listeners', () => {
    const bad = `
      import pg, { Pool } from 'pg';
      import { Redis } from 'ioredis';
      export function connectAll(url: string) {
        const pool = new pg.Pool({ connectionString: url });
        const client = new pg.Client({ connectionString: url });
        const named = new Pool({ connectionString: url });
        const redis = new Redis(url);
        pool.on('connect', () => undefined);
        return { pool, client, named, redis, inline: new pg.Client() };
      }
      export class Store {
        readonly pool = new pg.Pool();
        private redis?: Redis;
        start(url: string) { this.redis = new Redis(url); }
      }`;
    const found = problems(bad);
    expect(found).toHaveLength(7);
    expect(found[0]).toMatch(/`new pg\.Pool` without an 'error' listener.*pool\.on\('error'.*createPgPool/);
    expect(found.join('\n')).toMatch(/`new Redis` without an 'error' listener/);
    expect(found.join('\n')).toMatch(/must be kept in a variable/);
  });

  it('accepts connections with a listener (in the function, or the constructor of the class) and other libraries’ Pool', () => {
    const good = `
      import pg from 'pg';
      import { Redis } from 'ioredis';
      import { Pool as HttpPool } from 'undici';
      export function connect(url: string) {
        const client = new pg.Client({ connectionString: url });
        client.on('error', () => undefined);
        const redis = new Redis(url);
        redis.on('error', (e) => console.warn(e));
        return { client, redis, http: new HttpPool(url) };
      }
      export class Store {
        readonly pool: pg.Pool;
        constructor(url: string) {
          this.pool = new pg.Pool({ connectionString: url });
          this.pool.on('error', () => undefined);
        }
      }`;
    expect(problems(good)).toEqual([]);
  });

  it('holds a createRedis(...) connection (the messaging factory) to the same rule', () => {
    const code = `
      import { createRedis } from '@shop/messaging';
      export function connect(config: { redisUrl: string }) {
        const quiet = createRedis(config);
        const heard = createRedis(config);
        heard.on('error', () => undefined);
        return { quiet, heard, inline: createRedis(config) };
      }`;
    expect(problems(code)).toEqual([
      "`createRedis(...)` without an 'error' listener: a dropped link would crash the process. Add `quiet.on('error', ...)` in the same function.",
      "`createRedis(...)` must be kept in a variable that gets an 'error' listener (a dropped link would crash the process).",
    ]);
  });

  it('is switched on for the src/ code of every project by eslint.config.js', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of ['apps/inventory/src/inventory-app.ts', 'libs/messaging/src/job-queues.ts']) {
      const resolved = await eslint.calculateConfigForFile(resolve(root, file));
      expect(resolved.rules['shop/require-error-listener']).toEqual([2]);
    }
  });
});
