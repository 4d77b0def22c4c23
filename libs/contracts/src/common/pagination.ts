import { z } from 'zod';

/** Query-string integer: "20" -> 20; "abc" is refused with a reason naming the field. */
export const QueryInt = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const Limit = QueryInt(1, 100).default(20);
export const Cursor = z.string().min(1).max(512);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
