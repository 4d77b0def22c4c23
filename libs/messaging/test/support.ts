import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { defineEvent } from '@shop/contracts';
import { eventually, runTsScript, testEnv, waitForExit, waitForLine } from '@shop/testing';

export { eventually };
import { z } from 'zod';
import { createRedis, type RedisClient, type RedisConnectionConfig } from '../src/redis-client.js';

/** Lowercase letters only: event contexts must match `[a-z]+`. */
export function uniqueWord(length = 10): string {
  return Array.from(randomBytes(length), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

export const WidgetChanged = z.object({ n: z.number().int() });

/** An event type of a context no other test uses, so each test has its own stream. */
export function uniqueEventDefinition() {
  const context = `t${uniqueWord()}`;
  return defineEvent(`${context}.widget.changed.v1`, WidgetChanged);
}

/** A connection to this run's Redis (a cluster client under `npm run test:redis-cluster`). */
export function newRedis(config: RedisConnectionConfig = testEnv()): RedisClient {
  return createRedis(config, { maxRetriesPerRequest: 3 });
}

/** A gate a test opens to let a handler finish. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

const fixtures = resolve(import.meta.dirname, 'fixtures');

/** Runs a fixture script (TypeScript) in its own Node process, like a service would run. */
export function runFixture(name: string, env: Record<string, string>): ChildProcess {
  return runTsScript(resolve(fixtures, name), env);
}

export { waitForExit, waitForLine };
