import type { z } from 'zod';
import { describeIssues, reasonFor } from './zod-validation.js';

/** Thrown by loadConfig; its message lists every bad variable, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: Array<{ field: string; reason: string }>) {
    super(['Invalid configuration:', ...problems.map((p) => `  ${p.field || '(environment)'}: ${p.reason}`)].join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a zod schema (use z.coerce for numbers and booleans).
 * Fails with one error naming every bad variable, so a misconfigured deploy is fixed in one go.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  const result = schema.safeParse(env, { error: reasonFor });
  if (result.success) return result.data;
  throw new ConfigError(describeIssues(result.error));
}
