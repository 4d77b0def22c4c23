import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { resolve } from 'node:path';
import { eventually, runTsScript, testEnv, waitForExit, waitForLine } from '@shop/testing';

export { eventually };
import { Cluster, Redis } from 'ioredis';
import { createRedis, type RedisClient, scanKeys } from '@shop/messaging/redis';

export { scanKeys };

export function uniqueWord(length = 10): string {
  return Array.from(randomBytes(length), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** A prefix of this run's prefix, so each test has its own registry and teardown still removes it. */
export function uniquePrefix(): string {
  return `${testEnv().redisPrefix}${uniqueWord()}:`;
}

/** A connection to this run's Redis (a cluster client under `npm run test:redis-cluster`). */
export function newRedis(): RedisClient {
  return createRedis(testEnv(), { maxRetriesPerRequest: 1 });
}

/** A connection to one server, e.g. through a `RedisProxy` in front of `serverOf(key)`. */
export function newServerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/**
 * The URL of the server holding `key`: the run's Redis, or on a cluster the master of the key's
 * slot, so a proxy in front of it serves every key sharing the key's hash tag.
 */
export async function serverOf(key: string): Promise<URL> {
  const env = testEnv();
  if (env.redisClusterNodes.length === 0) return new URL(env.redisUrl);
  const cluster = createRedis(env);
  try {
    if (!(cluster instanceof Cluster)) throw new Error('expected a cluster client');
    const slot = Number(await cluster.cluster('KEYSLOT', key));
    // slots[slot] lists the nodes serving the slot, master first (ready once a command returned).
    const [master] = cluster.slots[slot] ?? [];
    if (master === undefined) throw new Error(`no node serves slot ${slot}`);
    return new URL(`redis://${master}`);
  } finally {
    cluster.disconnect();
  }
}

const fixtures = resolve(import.meta.dirname, 'fixtures');

/** Runs a fixture script (TypeScript) in its own Node process, like a service would run. */
export function runFixture(name: string, env: Record<string, string>): ChildProcess {
  return runTsScript(resolve(fixtures, name), env);
}

export { waitForExit, waitForLine };

/**
 * An instance in its own process that registers `id` under `prefix` with a short heartbeat and
 * TTL, so a test can SIGKILL it like a crash. Resolves once it is registered; `cleanups` gets the
 * kill, for a test that fails before doing it.
 */
export async function startRegisteredInstance(
  prefix: string,
  id: string,
  url: string,
  cleanups: (() => Promise<unknown>)[],
): Promise<ChildProcess> {
  const child = runFixture('registered-instance.ts', {
    REDIS_URL: testEnv().redisUrl,
    FIXTURE_PREFIX: prefix,
    FIXTURE_INSTANCE_ID: id,
    FIXTURE_URL: url,
    FIXTURE_HEARTBEAT_MS: '50',
    FIXTURE_TTL_MS: '500',
  });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await waitForExit(child);
  });
  await waitForLine(child, new RegExp(`^registered ${id}$`));
  return child;
}

/**
 * A TCP proxy in front of the real Redis that can hold back replies (a slow Redis) or drop every
 * connection (an outage), and counts the scripts clients send.
 */
export class RedisProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private held: (() => void)[] = [];
  private frozen = false;
  private down = false;
  private sent = '';

  async start(target: URL): Promise<string> {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
      this.sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        this.sent += chunk.toString('latin1');
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (this.frozen) this.held.push(() => client.write(chunk));
        else client.write(chunk);
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    return `redis://127.0.0.1:${address.port}`;
  }

  /** Scripts (EVALSHA/EVAL) sent through the proxy so far. */
  scriptsSent(): number {
    return (this.sent.match(/\$7\r\nevalsha\r\n|\$4\r\neval\r\n/gi) ?? []).length;
  }

  /** Replies are held back until `thaw()`. */
  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    for (const write of held) write();
  }

  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
