import { describe, expect, it } from 'vitest';
import { deterministicUuid } from './deterministic-uuid.js';

describe('deterministicUuid', () => {
  it('gives the same key the same v4-shaped UUID and different keys different ones', () => {
    const id = deterministicUuid('product:merino-crew-tee');
    expect(deterministicUuid('product:merino-crew-tee')).toBe(id);
    expect(deterministicUuid('product:merino-pocket-tee')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
