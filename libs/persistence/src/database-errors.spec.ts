import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from './database-errors.js';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['host unreachable', withCode('EHOSTUNREACH')],
    ['Prisma P1001 cannot reach server', withCode('P1001')],
    ['Prisma P1017 server closed the connection', withCode('P1017')],
    ['Prisma P2024 pool timeout', withCode('P2024')],
    ['Prisma initialization error', Object.assign(new Error("Can't reach database server"), { errorCode: 'P1001' })],
    ['admin shutdown 57P01', withCode('57P01', 'terminating connection due to administrator command')],
    ['connection exception class 08', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['pg connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg query timeout (a link gone silent)', new Error('Query read timeout')],
    ['driver adapter kind', Object.assign(new Error('adapter'), { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } })],
    ['wrapped two levels deep', new Error('outer', { cause: new Error('middle', { cause: withCode('ECONNREFUSED') }) })],
    ['AggregateError of refusals', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed')],
  ])('is true for %s', (_name, err) => {
    expect(isDatabaseUnavailableError(err)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505', 'duplicate key value')],
    ['Prisma P2002', withCode('P2002')],
    ['serialization failure', withCode('40001')],
    ['syntax error', withCode('42601')],
    ['plain error', new Error('something else')],
    ['non-error values', 'ECONNREFUSED'],
    ['null', null],
  ])('is false for %s', (_name, err) => {
    expect(isDatabaseUnavailableError(err)).toBe(false);
  });

  it('does not loop on a cyclic cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isDatabaseUnavailableError(a)).toBe(false);
  });
});
