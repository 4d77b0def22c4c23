import { describe, expect, it } from 'vitest';
import { belowCommitmentsMessage } from './failures.js';

describe('belowCommitmentsMessage', () => {
  it('says 0 is the floor when nothing is reserved or sold', () => {
    expect(belowCommitmentsMessage({ reserved: 0, committed: 0 })).toBe('on-hand stock cannot go below 0');
  });

  it('names the units reserved and sold that on hand must cover', () => {
    expect(belowCommitmentsMessage({ reserved: 3, committed: 2 })).toBe('on-hand stock cannot go below the 5 units already held (3 reserved, 2 sold)');
  });
});
