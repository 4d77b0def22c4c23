import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { testEnv } from '@shop/testing';

const root = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A built app (apps/<name>/dist/main.js) running as its own process, as `npm start` runs it. */
export class AppProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const { databaseUrl, redisUrl } = testEnv();
    this.child = spawn(process.execPath, [join(root, 'apps', this.name, 'dist', 'main.js')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d) => this.output.push(String(d)));
    this.child.stderr?.on('data', (d) => this.output.push(String(d)));
    for (let i = 0; i < 120; i++) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited: ${this.output.join('')}`);
      try {
        if ((await fetch(`${this.url}/health/live`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} did not start: ${this.output.join('')}`);
  }

  /** SIGKILL: the process dies without any cleanup, like a crash. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}
