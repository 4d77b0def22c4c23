import { Body, Param, type PipeTransform, Query } from '@nestjs/common';
import { Failed, FailureCode, type FieldIssue } from '@shop/contracts';
import type { z } from 'zod';

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
      if (issue.origin === 'string') return `must be ${bound} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${bound} items`;
      return `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    }
    case 'too_big': {
      const bound = `${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `must be ${bound} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${bound} items`;
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

/** The 400 every validation failure produces. */
export function validationFailed(details: FieldIssue[]): Failed<typeof FailureCode.VALIDATION_FAILED> {
  return Failed.of(FailureCode.VALIDATION_FAILED, 'Invalid request', details);
}

/** Parses a value with a zod schema, with our reasons (used by ZodPipe and loadConfig). */
export async function parseWith<S extends z.ZodType>(schema: S, value: unknown) {
  return schema.safeParseAsync(value, { error: reasonFor });
}

/** Validates and transforms a request part; prefer the ZodBody/ZodQuery/ZodParam decorators. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, Promise<z.output<S>>> {
  constructor(
    private readonly schema: S,
    private readonly rootField = '',
  ) {}

  async transform(value: unknown): Promise<z.output<S>> {
    const result = await parseWith(this.schema, value);
    if (result.success) return result.data;
    throw validationFailed(describeIssues(result.error, this.rootField));
  }
}

/** `@ZodBody(CreateProduct) body: CreateProduct` — the parsed body, or 400 VALIDATION_FAILED. */
export function ZodBody<S extends z.ZodType>(schema: S): ParameterDecorator {
  return Body(new ZodPipe(schema, 'body'));
}

/** `@ZodQuery(ListQuery) query: ListQuery` — query strings arrive as strings: use z.coerce. */
export function ZodQuery<S extends z.ZodType>(schema: S): ParameterDecorator {
  return Query(new ZodPipe(schema, 'query'));
}

/** `@ZodParam('id', z.string().uuid()) id: string`. */
export function ZodParam<S extends z.ZodType>(name: string, schema: S): ParameterDecorator {
  return Param(name, new ZodPipe(schema, name));
}
