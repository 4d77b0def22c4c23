import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Failed } from '@shop/contracts';
import { statusOfFailure } from './failure-status.js';
import { ZodPipe } from './zod-validation.js';

async function failureOf(pipe: ZodPipe<z.ZodType>, value: unknown) {
  try {
    await pipe.transform(value);
  } catch (error) {
    expect(error).toBeInstanceOf(Failed);
    const { code, message, details } = (error as Failed).failure;
    return { status: statusOfFailure(code), code, message, details };
  }
  throw new Error('expected the pipe to reject');
}

describe('ZodPipe', () => {
  it('returns the parsed (transformed) value', async () => {
    const pipe = new ZodPipe(z.object({ limit: z.coerce.number().default(20) }), 'query');
    await expect(pipe.transform({})).resolves.toEqual({ limit: 20 });
    await expect(pipe.transform({ limit: '5' })).resolves.toEqual({ limit: 5 });
  });

  it('lists every problem with its dotted path and a readable reason', async () => {
    const schema = z.strictObject({
      name: z.string().min(2),
      kind: z.enum(['simple', 'bundle']),
      email: z.email(),
      tags: z.array(z.string()).max(1),
      variants: z.array(z.object({ price: z.object({ amount: z.number().int(), currency: z.string() }) })),
    });
    const failure = await failureOf(new ZodPipe(schema, 'body'), {
      name: 'x',
      kind: 'other',
      email: 'nope',
      tags: ['a', 'b'],
      variants: [{ price: { amount: 1.5 } }],
      extra: true,
    });
    expect(failure).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid request',
      details: [
        { field: 'name', reason: 'must be at least 2 characters long' },
        { field: 'kind', reason: 'must be one of "simple", "bundle"' },
        { field: 'email', reason: 'must be a valid email' },
        { field: 'tags', reason: 'must have at most 1 item' },
        { field: 'variants.0.price.amount', reason: 'must be an integer' },
        { field: 'variants.0.price.currency', reason: 'is required' },
        { field: 'extra', reason: 'is not allowed' },
      ],
    });
  });

  it('keeps messages written on the schema itself', async () => {
    const pipe = new ZodPipe(z.object({ sku: z.string().regex(/^[A-Z]+$/, 'must be upper-case letters') }));
    expect((await failureOf(pipe, { sku: 'abc' })).details).toEqual([{ field: 'sku', reason: 'must be upper-case letters' }]);
  });

  it('names the root by the part being validated', async () => {
    const pipe = new ZodPipe(z.uuid(), 'id');
    expect((await failureOf(pipe, 'not-a-uuid')).details).toEqual([{ field: 'id', reason: 'must be a valid uuid' }]);
  });
});
