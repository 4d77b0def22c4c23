import { describe, expect, it } from 'vitest';
import { validated } from './api-response';

/** A schema as zod's safeParse answers (the contracts' schemas), without depending on zod here. */
const positive = {
  safeParse: (value: unknown) =>
    typeof value === 'number' && value > 0
      ? ({ success: true, data: value } as const)
      : ({ success: false, error: { issues: [{ path: [], message: 'must be positive' }] } } as const),
};
const body = {
  safeParse: () => ({ success: false, error: { issues: [{ path: ['variants', 0, 'sku'], message: 'must be upper-case' }] } }) as const,
};

describe('validated', () => {
  it('answers the parsed value', () => {
    expect(validated(positive, 3)).toEqual({ ok: true, value: 3 });
  });

  it("answers a 400 in the platform's error body naming each field and why", async () => {
    const refused = validated(body, {});
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.response.status).toBe(400);
    expect(await refused.response.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'The request has invalid fields', details: [{ field: 'variants.0.sku', reason: 'must be upper-case' }] },
    });
  });

  it('names a lone value by the field given', async () => {
    const refused = validated(positive, -1, 'id');
    if (refused.ok) throw new Error('accepted');
    expect((await refused.response.json()).error.details).toEqual([{ field: 'id', reason: 'must be positive' }]);
  });
});
