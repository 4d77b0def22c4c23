import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, testEnv, untilLive } from '@shop/testing';
import { TEST_ENV } from './inventory-harness.js';

const root = join(import.meta.dirname, '..', '..', '..');
export const MAIN = join(root, 'apps', 'inventory', 'dist', 'main.js');

/** The built inventory (apps/inventory/dist/main.js) as its own process, as `npm start` runs it. */
export class InventoryProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];
  port = 0;

  constructor(
    readonly instanceId: string,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx nx run @shop/inventory:build first`);
    this.port = await freePort();
    const { databaseUrl, redisUrl, redisClusterNodes } = testEnv();
    this.child = spawn(process.execPath, [MAIN], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_CLUSTER_NODES: redisClusterNodes.join(','),
        LOG_LEVEL: 'warn',
        ...TEST_ENV,
        INSTANCE_ID: this.instanceId,
        INVENTORY_PORT: String(this.port),
        INVENTORY_PUBLIC_URL: this.url,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d) => this.output.push(String(d)));
    this.child.stderr?.on('data', (d) => this.output.push(String(d)));
    const child = this.child;
    const watched = {
      name: this.instanceId,
      get alive() {
        return child.exitCode === null && child.signalCode === null;
      },
      tail: () => this.output.join(''),
      exitReason: () => String(child.exitCode ?? child.signalCode),
    };
    await untilLive(watched, this.url);
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL by default: the process dies without any cleanup, like a crash. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}
