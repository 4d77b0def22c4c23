import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from './dependency-errors.js';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it.each([
    ['socket refused', withCode('ECONNREFUSED')],
    ['socket reset', withCode('ECONNRESET')],
    ['socket timeout', withCode('ETIMEDOUT')],
    ['broken pipe', withCode('EPIPE')],
    ['postgres admin shutdown', withCode('57P01')],
    ['postgres cannot connect now', withCode('57P03')],
    ['postgres connection failure class 08', withCode('08006')],
    ['prisma cannot reach server', withCode('P1001')],
    ['prisma connection closed', withCode('P1017')],
    ['prisma pool timeout', withCode('P2024')],
    ['prisma initialization error', Object.assign(new Error("Can't reach database server"), { errorCode: 'P1001' })],
    ['ioredis closed connection', new Error('Connection is closed.')],
    ['ioredis retries exhausted', Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })],
    ['pg-pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg statement unanswered (query_timeout)', new Error('Query read timeout')],
    ['ioredis command unanswered (commandTimeout)', new Error('Command timed out')],
    ['wrapped in cause', new Error('query failed', { cause: new Error('inner', { cause: withCode('ECONNREFUSED') }) })],
    ['aggregate of connect attempts', new AggregateError([withCode('ECONNREFUSED')], 'connect failed')],
    [
      'prisma driver-adapter error in meta',
      Object.assign(new Error('db'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }),
    ],
  ])('recognises %s', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation', withCode('P2002')],
    ['a postgres constraint error', withCode('23505')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not treat %s as an outage', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });

  it('survives cyclic causes', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDependencyUnavailable(a)).toBe(false);
  });
});
