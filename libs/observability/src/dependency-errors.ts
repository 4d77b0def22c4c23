/**
 * Recognises errors that mean "a dependency is down or unreachable right now" (as opposed to a
 * bug or bad input), so they can be answered 503 + Retry-After and retried by callers.
 */

// Socket-level failures from Node (net, http, pg, ioredis all surface these codes).
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

// PostgreSQL SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
// 53300 too_many_connections, and class 08 (connection exceptions).
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const POSTGRES_CONNECTION_CLASS = /^08[0-9A-Z]{3}$/;

// Prisma: P1001 can't reach server, P1002 timed out reaching it, P1008 socket timeout,
// P1017 server closed the connection, P2024 pool timeout, P2037 too many connections.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);

// Prisma driver-adapter error kinds (the `cause` of a DriverAdapterError).
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

// ioredis error class names.
const ERROR_NAMES = new Set(['MaxRetriesPerRequestError']);

const MESSAGES = [
  /^Connection is closed\.?$/, // ioredis, command on a closed connection
  /^Reached the max retries per request limit/, // ioredis MaxRetriesPerRequestError, by message
  /Stream isn't writeable and enableOfflineQueue options is false/, // ioredis, offline queue off
  /^Command timed out$/, // ioredis, commandTimeout (a link gone silent)
  /timeout exceeded when trying to connect/i, // pg-pool
  /^Connection terminated (unexpectedly|due to connection timeout)/, // pg
  /Client has encountered a connection error and is not queryable/i, // pg
  /Client was closed and is not queryable/i, // pg
  /^Query read timeout$/, // pg, a statement unanswered for query_timeout (a link gone silent)
  /Can't reach database server/i, // Prisma
  /Server has closed the connection/i, // Prisma
];

const MAX_DEPTH = 8;

export function isDependencyUnavailable(error: unknown): boolean {
  return findDependencyFailure(error) !== undefined;
}

/** The innermost error in the chain that says a dependency is unavailable, if any. */
export function findDependencyFailure(error: unknown): Record<string, unknown> | undefined {
  return findInErrorChain(error, matches);
}

/**
 * The first error in a chain (cause, AggregateError members, Prisma's driver-adapter error)
 * that satisfies `test`, breadth first: drivers wrap the original failure several levels deep.
 */
export function findInErrorChain(
  error: unknown,
  test: (node: Record<string, unknown>) => boolean,
): Record<string, unknown> | undefined {
  const seen = new Set<unknown>();
  const queue: Array<{ node: unknown; depth: number }> = [{ node: error, depth: 0 }];
  while (queue.length > 0) {
    const { node, depth } = queue.shift()!;
    if (!isObject(node) || seen.has(node) || depth > MAX_DEPTH) continue;
    seen.add(node);
    if (test(node)) return node;
    queue.push({ node: node['cause'], depth: depth + 1 });
    const meta = node['meta'];
    if (isObject(meta)) queue.push({ node: meta['driverAdapterError'], depth: depth + 1 });
    const inner = node['errors'];
    if (Array.isArray(inner)) for (const e of inner) queue.push({ node: e, depth: depth + 1 });
  }
  return undefined;
}

function matches(node: Record<string, unknown>): boolean {
  for (const key of ['code', 'errorCode', 'originalCode']) {
    const code = node[key];
    if (typeof code !== 'string') continue;
    if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || POSTGRES_CONNECTION_CLASS.test(code) || PRISMA_CODES.has(code)) {
      return true;
    }
  }
  if (typeof node['kind'] === 'string' && ADAPTER_KINDS.has(node['kind'])) return true;
  if (typeof node['name'] === 'string' && ERROR_NAMES.has(node['name'])) return true;
  const message = node['message'];
  return typeof message === 'string' && MESSAGES.some((re) => re.test(message));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
