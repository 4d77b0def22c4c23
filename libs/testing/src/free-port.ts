import { mkdirSync, openSync, closeSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports for services a test starts as child processes. Asking the kernel for port 0 and closing
 * it again is racy: until the child binds it, the kernel may hand the same port to any other
 * `listen(0)` or outgoing connection on the machine (in CI, a parallel suite's service once got
 * it and answered our requests with its 404s). So the port is picked below the kernel's ephemeral
 * range, where it never assigns one, and claimed across processes by creating a file exclusively;
 * a claim lapses after CLAIM_TTL_MS so crashed runs do not use the range up.
 */
const FIRST = 20_000;
const LAST = 32_000; // below /proc/sys/net/ipv4/ip_local_port_range's start (32768 here)
const CLAIM_TTL_MS = 30 * 60_000;
const claims = join(tmpdir(), 'shop-test-ports');

function claim(port: number): boolean {
  const file = join(claims, String(port));
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch {
    try {
      if (Date.now() - statSync(file).mtimeMs < CLAIM_TTL_MS) return false;
      unlinkSync(file); // a lapsed claim: take it over (another taker loses the 'wx' race below)
      closeSync(openSync(file, 'wx'));
      return true;
    } catch {
      return false;
    }
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  mkdirSync(claims, { recursive: true });
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (claim(port) && (await bindable(port))) return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} after 1,000 tries (claims in ${claims})`);
}
