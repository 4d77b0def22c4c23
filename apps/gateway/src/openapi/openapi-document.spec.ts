import { describe, expect, it } from 'vitest';
import { routeFor, routeTable } from '../routing/route-table.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { operations } from './public-api.js';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('1.2.3');

  it('documents only what the route table serves, with the methods it forwards', () => {
    for (const op of operations) {
      const entry = routeFor(op.path.replace(/\{[^}]+\}/g, 'x'));
      expect(entry, op.path).toBeDefined();
      if (entry?.kind === 'proxy') expect(entry.methods, `${op.method} ${op.path}`).toContain(op.method.toUpperCase());
    }
  });

  it('marks exactly the non-public operations as needing a bearer token', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods) as Array<{ security?: unknown; 'x-access': string }>) {
        expect(op.security !== undefined, path).toBe(op['x-access'] !== 'public');
        if (path.startsWith('/api/admin')) expect(op['x-access'], path).toBe('admin');
      }
    }
    expect(routeTable.length).toBeGreaterThan(0);
  });

  it('resolves every schema reference, and bodies come from the contracts', () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref.split('/').at(-1)!);
    expect(doc.components.schemas['RegisterBody']).toMatchObject({ additionalProperties: false, required: ['email', 'password'] });
    expect(doc.info.version).toBe('1.2.3');
  });
});
