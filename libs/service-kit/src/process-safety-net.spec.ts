import { describe, expect, it } from 'vitest';
import { createLogger } from '@shop/observability';
import { handleUncaught } from './process-safety-net.js';

const logger = createLogger({ service: 'safety-net-test', level: 'silent' });

function outcome(error: unknown): number[] {
  const exits: number[] = [];
  handleUncaught(error, 'uncaughtException', { logger, exit: (code) => exits.push(code) });
  return exits;
}

describe('the process safety net', () => {
  it('carries on after a dropped dependency (pg socket reset, pg connection end, ioredis closed)', () => {
    expect(outcome(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toEqual([]);
    expect(outcome(new Error('Connection terminated unexpectedly'))).toEqual([]);
    expect(outcome(new Error('Connection is closed.'))).toEqual([]);
    expect(outcome(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '57P01' }) }))).toEqual([]);
  });

  it('exits 1 on anything else (a programming error)', () => {
    expect(outcome(new TypeError("Cannot read properties of undefined (reading 'x')"))).toEqual([1]);
    expect(outcome('a string')).toEqual([1]);
  });
});
