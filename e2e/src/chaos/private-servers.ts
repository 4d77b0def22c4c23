import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../platform-processes.js';

const PG_BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Resolves once something accepts TCP connections on the port, or throws after `timeoutMs`. */
export async function untilListening(port: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** initdb refuses to run as root: then the cluster belongs to the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) throw new Error('running as root needs a `postgres` user for initdb');
  return { uid, gid };
}

/**
 * A PostgreSQL 15 server of the chaos suite's own (temp dir, free port, trust auth), so it can
 * be restarted without touching the shared server other test runs use.
 */
export class PrivatePostgres {
  port = 0;
  private dir = '';
  private readonly user = postgresUser();

  /** A URL of database `name` on this server. */
  url(name = 'shop'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${name}`;
  }

  private pgCtl(args: string[]): void {
    const result = spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', join(this.dir, 'data'), ...args], { ...this.user, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`pg_ctl ${args[0]} failed: ${result.stdout}${result.stderr}`);
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.dir = mkdtempSync(join(tmpdir(), 'chaos-pg-'));
    if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
    const init = spawnSync(join(PG_BIN, 'initdb'), ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], {
      ...this.user,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
    // pg_ctl daemonizes the server: never leave it behind, even when the run is cut short.
    process.once('exit', this.stopNow);
    await this.up();
  }

  private async up(): Promise<void> {
    // fsync off: a test server; an immediate stop still keeps every commit (it is in the OS cache).
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off`;
    this.pgCtl(['-w', '-t', '60', '-l', join(this.dir, 'log'), '-o', options, 'start']);
    await untilListening(this.port);
  }

  /** Stops the server the hard way (no checkpoint, every connection cut), then starts it again. */
  async restart(downMs = 0): Promise<void> {
    this.pgCtl(['-m', 'immediate', 'stop']);
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.up();
  }

  async stop(): Promise<void> {
    this.stopNow();
    process.off('exit', this.stopNow);
  }

  private readonly stopNow = (): void => {
    if (!this.dir) return;
    try {
      this.pgCtl(['-m', 'immediate', 'stop']);
    } catch {
      // already down
    }
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  };
}

/** A Redis server of the suite's own, without persistence: a crash (SIGKILL) loses everything. */
export class PrivateRedis {
  port = 0;
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'chaos-redis-'));

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    if (!this.child) process.once('exit', this.killNow);
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: 'ignore',
    });
    await untilListening(this.port);
  }

  /** kill -9 and start again on the same port, empty. */
  async crashEmpty(downMs = 0): Promise<void> {
    await this.kill();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    process.off('exit', this.killNow);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private readonly killNow = (): void => {
    this.child?.kill('SIGKILL');
  };
}
