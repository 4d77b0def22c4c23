import { describe, expect, it } from 'vitest';
import { callerFrom } from './caller.js';

const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('callerFrom', () => {
  it('reads the gateway headers', () => {
    expect(callerFrom({ 'x-user-id': id, 'x-user-role': 'customer' }, 'signed-in')).toEqual({ userId: id, role: 'customer' });
    expect(callerFrom({ 'x-user-id': id, 'x-user-role': 'admin' }, 'admin')).toEqual({ userId: id, role: 'admin' });
  });

  it.each([
    [{}, 401],
    [{ 'x-user-id': id }, 401],
    [{ 'x-user-id': 'not-a-uuid', 'x-user-role': 'customer' }, 401],
    [{ 'x-user-id': [id, id], 'x-user-role': 'customer' }, 401],
    [{ 'x-user-id': id, 'x-user-role': 'root' }, 401],
  ])('refuses %j with %i', (headers, status) => {
    expect(() => callerFrom(headers, 'signed-in')).toThrow(expect.objectContaining({ status }));
  });

  it('refuses a customer where an admin is needed', () => {
    expect(() => callerFrom({ 'x-user-id': id, 'x-user-role': 'customer' }, 'admin')).toThrow(expect.objectContaining({ status: 403, code: 'FORBIDDEN' }));
  });
});
