import { ApiError } from '@shop/api-client';
import { describe, expect, it } from 'vitest';
import { problemOf } from './problem';

describe('problemOf', () => {
  it('names the refused fields of a validation error', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Request validation failed', [{ field: 'number', reason: 'must be an order number such as SO-000123 or 123' }]);
    expect(problemOf(err)).toBe('number must be an order number such as SO-000123 or 123');
  });

  it("uses the screen's labels for the fields, in the reason too", () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Request validation failed', [
      { field: 'to', reason: 'must be after from' },
      { field: 'customerId', reason: 'must be a valid uuid' },
    ]);
    expect(problemOf(err, { from: 'Placed from', to: 'Placed on or before', customerId: 'Customer id' })).toBe(
      'Placed on or before must be after Placed from; Customer id must be a valid uuid',
    );
  });

  it('falls back to the message', () => {
    expect(problemOf(new ApiError(503, 'GATEWAY_UNREACHABLE', 'The gateway could not be reached'))).toBe('The gateway could not be reached');
    expect(problemOf(new Error('boom'))).toBe('boom');
  });
});
