import { z } from 'zod';
import { FailureCode } from './failure.js';

/** Every code an error body can carry: the platform's failure codes (./failure.ts). */
export const ErrorCode = z.enum(Object.values(FailureCode) as [FailureCode, ...FailureCode[]]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({
  field: z.string(),
  reason: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** Every HTTP error the platform returns has this one shape. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
