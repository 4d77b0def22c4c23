import { BadRequestException, ForbiddenException, HttpException } from '@nestjs/common';
import { Failed, FailureCode } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { conflict, unavailable } from './failures.js';
import { answerFor } from './http-error-filter.js';
import { UpstreamUnavailableError } from './service-client.js';

describe('answerFor', () => {
  it('maps Nest HTTP exceptions by status to contract codes', () => {
    expect(answerFor(new ForbiddenException('nope'))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'nope' });
    expect(answerFor(new HttpException('slow down', 429))).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(answerFor(new BadRequestException(['a is bad', 'b is bad']))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      details: ['a is bad', 'b is bad'],
    });
  });

  it('keeps a domain exception as it is', () => {
    expect(answerFor(conflict('SKU_TAKEN', 'SKU already exists', { sku: 'A' }))).toMatchObject({
      status: 409,
      code: 'SKU_TAKEN',
      message: 'SKU already exists',
      details: { sku: 'A' },
    });
    expect(answerFor(unavailable('Search is down'))).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
  });

  it('answers a failure with the status its code is given in one table, and its retry hint', () => {
    expect(answerFor(Failed.of(FailureCode.OUT_OF_STOCK, 'not enough stock', ['A']))).toMatchObject({ status: 409, code: 'OUT_OF_STOCK', details: ['A'] });
    expect(answerFor(Failed.of(FailureCode.IDEMPOTENCY_KEY_REUSED, 'reused'))).toMatchObject({ status: 422 });
    expect(answerFor(Failed.of(FailureCode.OVERLOADED, 'busy', undefined, 1))).toMatchObject({ status: 503, retryAfterSeconds: 1, severity: 'warn' });
    expect(answerFor(new Failed({ code: 'NOT_A_CODE' as FailureCode, message: 'typo' }))).toMatchObject({ status: 500 });
  });

  it('names the other service that did not answer, whatever the database mapper says of the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const upstream = new UpstreamUnavailableError('inventory', 'no answer to GET /x', { cause: refused });
    const answer = answerFor(upstream, [() => unavailable('the pricing database is unavailable; retry shortly')]);
    expect(answer).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', message: 'inventory is unavailable; retry shortly' });
  });

  it('asks mappers before the built-in rules, in order', () => {
    const mapped = answerFor(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), [
      () => undefined,
      () => unavailable('Payments provider unreachable'),
    ]);
    expect(mapped).toMatchObject({ status: 503, message: 'Payments provider unreachable' });
  });

  it('hides the message of unknown errors', () => {
    expect(answerFor(new Error('password=hunter2'))).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
      severity: 'error',
    });
    expect(answerFor('a thrown string')).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
