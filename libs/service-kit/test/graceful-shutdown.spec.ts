import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from './http.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const fixture = resolve(import.meta.dirname, 'fixtures/signal-service.ts');

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line matching the message (bounded by the test timeout). */
  waitFor(msg: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function startFixture(env: Record<string, string> = {}): Child {
  // @swc-node/register honours emitDecoratorMetadata (tsx does not), like the tsc build.
  const child = spawn(process.execPath, ['--conditions=@shop/source', '--import', '@swc-node/register/esm-register', fixture], {
    cwd: repoRoot,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: (line: Record<string, unknown>) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of waiters.filter((w) => w.msg === line['msg'])) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    process: child,
    lines,
    exited,
    waitFor: (msg) => {
      const seen = lines.find((l) => l['msg'] === msg);
      return seen ? Promise.resolve(seen) : new Promise((r) => waiters.push({ msg, resolve: r }));
    },
  };
}

describe('signals', () => {
  let child: Child | undefined;
  afterEach(() => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
  });

  it('on SIGTERM finishes the in-flight request, runs onShutdown, and exits 0', async () => {
    child = startFixture();
    const { url } = (await child.waitFor('listening')) as { url: string };
    const inFlight = http(`${url}/slow`);
    await child.waitFor('slow started');

    child.process.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ done: true });
    expect(await child.exited).toBe(0);

    const order = child.lines.map((l) => l['msg']).filter((m) => m === 'request completed' || m === 'onShutdown ran' || m === 'stopped');
    expect(order).toEqual(['request completed', 'onShutdown ran', 'stopped']);
  });

  it('exits at once with 1 on a second signal while shutdown hangs', async () => {
    child = startFixture({ HANG_SHUTDOWN: '1' });
    await child.waitFor('listening');
    child.process.kill('SIGTERM');
    await child.waitFor('onShutdown ran');
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(1);
    expect(child.lines.some((l) => l['msg'] === 'second signal: exiting now')).toBe(true);
  });
});

describe('the process safety net (uncaught errors outside any request)', () => {
  let child: Child | undefined;
  afterEach(() => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
  });

  it('carries on after a dropped dependency (unhandled error event or rejection), exits 1 on a bug', async () => {
    child = startFixture();
    const { url } = (await child.waitFor('listening')) as { url: string };
    for (const kind of ['dependency', 'rejection']) {
      expect((await http(`${url}/uncaught/${kind}`)).status).toBe(200);
      const line = await child.waitFor('a dependency failed outside any request; carrying on');
      child.lines.splice(child.lines.indexOf(line), 1);
      expect((await http(`${url}/health/live`)).status).toBe(200);
    }
    expect(child.process.exitCode).toBe(null);

    expect((await http(`${url}/uncaught/bug`)).status).toBe(200);
    expect(await child.exited).toBe(1);
    expect(child.lines.some((l) => l['msg'] === 'uncaught error: exiting')).toBe(true);
  });
});
