import type { z } from 'zod';
import type { FieldIssue } from './error-body.js';

type RawIssue = z.core.$ZodRawIssue;

/**
 * Readable reasons for the common issue kinds ("must be a number", "is required"). Passed per
 * parse, so a message set on the schema itself still wins.
 */
export function reasonFor(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${withArticle(issue.expected === 'int' ? 'integer' : issue.expected)}`;
    case 'too_small': {
      const bound = `${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
      // An empty text where one is needed: said as such, not "at least 1 characters long".
      if (issue.origin === 'string' && issue.inclusive !== false && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'string') return `must be ${bound} ${characters(issue.minimum)} long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${bound} ${items(issue.minimum)}`;
      return `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    }
    case 'too_big': {
      const bound = `${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `must be ${bound} ${characters(issue.maximum)} long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${bound} ${items(issue.maximum)}`;
      return `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has an invalid format' : `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

function characters(count: unknown): string {
  return Number(count) === 1 ? 'character' : 'characters';
}

function items(count: unknown): string {
  return Number(count) === 1 ? 'item' : 'items';
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/**
 * One `{ field, reason }` per problem; `field` is the dotted path (`variants.0.price.amount`),
 * or `rootField` for a problem with the whole value.
 */
export function describeIssues(error: z.ZodError, rootField = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: [...path, key].join('.'), reason: 'is not allowed' });
      continue;
    }
    out.push({ field: path.length > 0 ? path.join('.') : rootField, reason: issue.message });
  }
  return out;
}

/** A value checked against a contract: the parsed data, or the reasons keyed by field (first per field). */
export type ContractCheck<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string> };

/**
 * Checks a value (a form's) with a contract schema and the API's own reasons, so a client refuses
 * what the server would refuse with the same words, before sending it.
 */
export function checkWithContract<S extends z.ZodType>(schema: S, value: unknown): ContractCheck<z.output<S>> {
  const result = schema.safeParse(value, { error: reasonFor });
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of describeIssues(result.error)) if (!(issue.field in fieldErrors)) fieldErrors[issue.field] = issue.reason;
  return { ok: false, fieldErrors };
}
