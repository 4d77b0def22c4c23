import { describe, expect, it } from 'vitest';
import { placedOrderEmail } from './session-cookies';

describe('the placed order cookie', () => {
  it('names the email only for the order this browser placed', () => {
    expect(placedOrderEmail('SO-000123:ada@example.com', 'SO-000123')).toBe('ada@example.com');
    // Another number (a guess, or a neighbour whose digits start the same) gets nothing.
    expect(placedOrderEmail('SO-000123:ada@example.com', 'SO-000124')).toBeNull();
    expect(placedOrderEmail('SO-0001234:ada@example.com', 'SO-000123')).toBeNull();
    expect(placedOrderEmail(undefined, 'SO-000123')).toBeNull();
    expect(placedOrderEmail('SO-000123:', 'SO-000123')).toBeNull();
  });
});
