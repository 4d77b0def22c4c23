/**
 * Whether an error means "the database cannot be reached right now" (as opposed to a bad
 * query or a constraint violation): callers answer 503 / retry / print one line for these.
 */

/** Node socket errors seen when the server is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Prisma error codes: P1001 can't reach server, P1002 timed out, P1008 operation timed out,
 * P1017 server closed the connection, P2024 timed out waiting for a pool connection,
 * P2037 too many connections.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);

/** Driver-adapter error kinds (Prisma 7 adapters) with the same meaning. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * SQLSTATEs: class 08 connection exception; 57P01-57P03 admin/crash shutdown and
 * "cannot connect now" (server starting); 53300 too many connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** pg's own messages for a lost or never-established connection. */
const MESSAGE_PATTERNS = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
];

function looksUnavailable(err: object): boolean {
  const { code, errorCode, kind, message } = err as { code?: unknown; errorCode?: unknown; kind?: unknown; message?: unknown };
  for (const c of [code, errorCode]) {
    if (typeof c !== 'string') continue;
    if (NETWORK_CODES.has(c) || PRISMA_CODES.has(c) || isUnavailableSqlState(c)) return true;
  }
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  // The pg adapter reports raw Postgres errors as { kind: 'postgres', code: SQLSTATE }, handled above.
  return typeof message === 'string' && MESSAGE_PATTERNS.some((p) => p.test(message));
}

export function isDatabaseUnavailableError(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (looksUnavailable(current)) return true;
    queue.push((current as { cause?: unknown }).cause);
    // Node reports a refused connection to every address of "localhost" as an AggregateError.
    if (current instanceof AggregateError) queue.push(...current.errors);
  }
  return false;
}
