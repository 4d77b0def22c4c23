import { z } from 'zod';
import { policyFor, routeTable, type RouteEntry } from '../routing/route-table.js';
import { operations, requestSchemas, responseSchemas, type Operation } from './public-api.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

const ERROR_STATUSES: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED names each field) or malformed JSON',
  401: 'No, an invalid or an expired access token',
  403: 'The access token lacks the admin role',
  404: 'Not found',
  409: 'Conflict with the current state (see the code)',
  413: 'Request body too large',
  422: 'Well-formed but refused (see the code)',
  429: 'Rate limited; see Retry-After',
  503: 'An upstream service is unavailable; see Retry-After',
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schemas of named contracts, referencing each other through components. */
function componentSchemas(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const schema of Object.values(out)) {
    delete schema['$schema'];
    delete schema['$id'];
  }
  return out;
}

function inline(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json['$schema'];
  return json;
}

function parameters(op: Operation): unknown[] {
  const out: unknown[] = [];
  for (const [name, schema] of Object.entries(op.params ?? {})) out.push({ name, in: 'path', required: true, schema: inline(schema) });
  for (const [name, schema] of Object.entries(op.headers ?? {})) {
    out.push({ name, in: 'header', required: !schema.safeParse(undefined).success, schema: inline(schema) });
  }
  for (const [name, field] of Object.entries(op.query?.shape ?? {})) {
    const schema = field as z.ZodType;
    out.push({ name, in: 'query', required: !schema.safeParse(undefined).success, schema: inline(schema) });
  }
  return out;
}

function operationObject(op: Operation, table: readonly RouteEntry[]): Record<string, unknown> {
  const policy = policyFor(op.path, table);
  const secured = policy !== undefined && policy.access !== 'public';
  const particular = op.errors ?? {};
  const errors = new Set([
    400,
    404,
    429,
    503,
    ...(secured ? [401] : []),
    ...(policy?.access === 'admin' ? [403] : []),
    ...(op.body || op.upload ? [413] : []),
    ...Object.keys(particular).map(Number),
  ]);
  const responses: Record<string, unknown> = {
    [String(op.status)]: op.response
      ? { description: 'OK', content: { 'application/json': { schema: ref(op.response) } } }
      : { description: op.status >= 300 && op.status < 400 ? 'Redirect: see the Location header' : 'No content' },
  };
  for (const status of [...errors].sort((a, b) => a - b)) {
    const description = particular[status] ?? ERROR_STATUSES[status] ?? 'Error';
    responses[String(status)] = { description, content: { 'application/json': { schema: ref('ErrorBody') } } };
  }
  return {
    tags: [op.tag],
    summary: op.summary,
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(secured ? { security: [{ bearer: [] }] } : {}),
    'x-access': policy?.access ?? 'public',
    'x-rate-limit-class': (op.method === 'get' ? policy?.readRateLimit : undefined) ?? policy?.rateLimit ?? 'default',
    parameters: parameters(op),
    ...(op.body
      ? { requestBody: { required: !requestSchemas[op.body].safeParse(undefined).success, content: { 'application/json': { schema: ref(op.body) } } } }
      : {}),
    ...(op.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    ...Object.fromEntries(Object.entries(op.upload.fields).map(([name, description]) => [name, { type: 'string', description }])),
                    file: { type: 'string', format: 'binary', description: 'The image file' },
                  },
                },
                encoding: { file: { contentType: 'image/jpeg, image/png, image/webp' } },
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the public API, built from the shared contracts (zod → JSON
 * Schema) and from the route table (which routes need which token).
 */
export function buildOpenApiDocument(version: string, table: readonly RouteEntry[] = routeTable): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op, table);
  return {
    openapi: '3.1.0',
    info: {
      title: 'FlashShop public API',
      version,
      description:
        'Everything goes through the gateway. Authenticate with `Authorization: Bearer <accessToken>` from /api/auth/login. ' +
        'Every error has the body `{ "error": { "code", "message", "details" } }`. Rate limits answer 429 with Retry-After.',
    },
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...componentSchemas(requestSchemas, 'input'), ...componentSchemas(responseSchemas, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
