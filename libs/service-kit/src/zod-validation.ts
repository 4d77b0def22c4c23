import { Body, Param, type PipeTransform, Query } from '@nestjs/common';
import { describeIssues, Failed, FailureCode, reasonFor, type FieldIssue } from '@shop/contracts';
import type { z } from 'zod';

// The reasons and field paths are shared with the browser (the console validates forms with the same
// contracts before sending): they live in @shop/contracts.
export { describeIssues, reasonFor };

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
