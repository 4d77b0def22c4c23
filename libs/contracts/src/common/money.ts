import { z } from 'zod';

/** Money is integer minor units (cents) with an ISO-4217 currency; never a float. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO-4217 code');
export const Money = z.object({
  amount: z.number().int('must be an integer amount of minor units').min(0),
  currency: Currency,
});
export type Money = z.infer<typeof Money>;
