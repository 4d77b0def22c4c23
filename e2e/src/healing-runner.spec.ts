import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supervise, type Supervisor } from '../../scripts/lib/supervisor.mjs';

/**
 * The supervisor `npm start` runs every app under, with a real child process: one that crashes
 * twice and then stays up is restarted each time, and stopping it ends it for good.
 */
describe('healing runner (scripts/lib/supervisor.mjs)', () => {
  let supervisor: Supervisor | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'healing-'));
  afterEach(async () => {
    await supervisor?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** A process that counts its starts in a file, exits 3 on its first two, then runs until killed. */
  const script = `
    const fs = require('node:fs');
    const file = process.argv[1];
    const starts = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '0') + 1;
    fs.writeFileSync(file, String(starts));
    if (starts <= 2) process.exit(3);
    console.log('up after ' + starts + ' starts');
    setInterval(() => {}, 1000);
  `;

  it('restarts a crashing child with backoff, says so in one line per crash, and stops it on request', async () => {
    const counter = join(dir, 'starts');
    writeFileSync(counter, '0');
    const lines: string[] = [];
    // Resolves with the next "up after N starts" line a child prints.
    let onUp: (line: string) => void = () => undefined;
    const nextUp = () => new Promise<string>((resolve) => (onUp = resolve));
    const first = nextUp();
    supervisor = supervise({
      name: 'flaky',
      policy: { initialDelayMs: 20, maxDelayMs: 100, windowMs: 60_000, loopCrashes: 5 },
      report: (line) => lines.push(line),
      start: () => {
        const child = spawn(process.execPath, ['-e', script, counter], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.on('data', (d: Buffer) => {
          if (String(d).includes('up after')) onUp(String(d).trim());
        });
        return child;
      },
    });
    expect(await first).toBe('up after 3 starts');
    expect(lines).toEqual(['flaky exited with code 3; restarting in 20 ms', 'flaky exited with code 3; restarting in 40 ms']);
    expect(supervisor.restarts).toBe(2);
    expect(supervisor.running).toBe(true);

    // kill -9 from outside: restarted as well, and told as a signal.
    const second = nextUp();
    const killed = supervisor.child;
    killed.kill('SIGKILL');
    expect(await second).toBe('up after 4 starts');
    expect(supervisor.child).not.toBe(killed);
    expect(lines.at(-1)).toBe('flaky was killed by SIGKILL; restarting in 80 ms');
    expect(readFileSync(counter, 'utf8')).toBe('4');

    const last = supervisor.child;
    await supervisor.stop('SIGTERM');
    expect(last.signalCode).toBe('SIGTERM');
    expect(supervisor.running).toBe(false);
    expect(supervisor.restarts).toBe(3);
  });
});
