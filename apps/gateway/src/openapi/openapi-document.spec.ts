import { describe, expect, it } from 'vitest';
import { routeFor, routeTable } from '../routing/route-table.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { renderDocsPage } from './docs-page.js';
import { operations } from './public-api.js';

/** A concrete path for a template, so the route table can be asked which entry serves it. */
const concrete = (template: string) => template.replace(/\{[^}]+\}/g, 'x');

/** Prefixes the gateway serves that are not JSON API operations, each with the reason. */
const NOT_DOCUMENTED: Record<string, string> = {
  '/media/': 'product pictures (SVG), not JSON',
  '/api/docs': 'the document itself',
  '/health': 'probes',
  '/internal/identity': 'service-to-service (the notifications service), not a public API',
};

interface DocumentedOperation {
  operationId: string;
  security?: unknown;
  'x-access': string;
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { required: boolean };
  responses: Record<string, { description: string }>;
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('1.2.3');
  const operation = (method: string, path: string) => doc.paths[path]?.[method] as DocumentedOperation | undefined;

  it('documents only what the route table serves, with the methods it forwards', () => {
    for (const op of operations) {
      const entry = routeFor(concrete(op.path));
      expect(entry, op.path).toBeDefined();
      if (entry?.kind === 'proxy') expect(entry.methods, `${op.method} ${op.path}`).toContain(op.method.toUpperCase());
    }
  });

  it('documents at least one operation under every prefix of the route table', () => {
    const documented = new Set(operations.map((op) => routeFor(concrete(op.path))));
    const missing = routeTable.filter((entry) => !documented.has(entry) && !(entry.prefix in NOT_DOCUMENTED)).map((entry) => entry.prefix);
    expect(missing, 'route-table prefixes without a documented operation').toEqual([]);
    // The exemptions name real entries, so a renamed prefix cannot hide behind a stale one.
    for (const prefix of Object.keys(NOT_DOCUMENTED)) expect(routeTable.map((e) => e.prefix), prefix).toContain(prefix);
  });

  it('marks exactly the non-public operations as needing a bearer token', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods) as DocumentedOperation[]) {
        expect(op.security !== undefined, path).toBe(op['x-access'] !== 'public');
        if (path.startsWith('/api/admin')) expect(op['x-access'], path).toBe('admin');
      }
    }
    expect(operation('post', '/api/inventory/reservations')?.['x-access']).toBe('authenticated');
    expect(operation('get', '/api/inventory/{sku}')?.['x-access']).toBe('public');
    // A guest checks out without an account (payments asks for an email); orders by id stay the owner's.
    expect(operation('post', '/api/checkout')?.['x-access']).toBe('public');
    expect(operation('get', '/api/orders/lookup')?.['x-access']).toBe('public');
    expect(operation('get', '/api/orders/{ref}')?.['x-access']).toBe('authenticated');
    expect(operation('post', '/api/carts/{id}/items')?.['x-access']).toBe('public');
    expect(operation('post', '/api/carts/current/items')?.['x-access']).toBe('authenticated');
    expect(operation('delete', '/api/carts/current/items/{sku}')?.['x-access']).toBe('authenticated');
    expect(operation('post', '/api/carts/buy-now')?.['x-access']).toBe('authenticated');
    expect(operation('get', '/api/search')?.['x-access']).toBe('public');
    expect(operation('get', '/api/search/suggest')?.['x-access']).toBe('public');
    expect(operation('post', '/api/admin/search/reindex')?.['x-access']).toBe('admin');
  });

  it('asks for the Idempotency-Key header where a retry must not act twice', () => {
    for (const path of ['/api/inventory/reservations', '/api/checkout']) {
      const header = operation('post', path)?.parameters.find((p) => p.in === 'header');
      expect(header, path).toMatchObject({ name: 'Idempotency-Key', required: true });
    }
  });

  it('gives each operation its own id, its success status and its particular errors', () => {
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => (op as DocumentedOperation).operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(operations.length);
    expect(Object.keys(operation('post', '/api/checkout')!.responses)).toEqual(expect.arrayContaining(['202', '400', '403', '404', '409', '422']));
    expect(operation('post', '/api/checkout')!.responses['403']!.description).toContain('ACCOUNT_REQUIRED');
    expect(operation('get', '/api/orders/lookup')!.responses['404']!.description).toContain('NOT_FOUND');
    expect(operation('post', '/api/inventory/reservations')!.responses['409']!.description).toContain('OUT_OF_STOCK');
    expect(operation('post', '/api/auth/register')!.responses['409']!.description).toContain('EMAIL_TAKEN');
    // Fulfilling takes an optional body; cancelling needs a reason.
    expect(operation('post', '/api/admin/orders/{ref}/fulfil')!.requestBody?.required).toBe(false);
    expect(operation('post', '/api/admin/orders/{ref}/cancel')!.requestBody?.required).toBe(true);
  });

  it('resolves every schema reference, and bodies come from the contracts', () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref.split('/').at(-1)!);
    expect(doc.components.schemas['RegisterBody']).toMatchObject({ additionalProperties: false, required: ['email', 'password'] });
    expect(doc.components.schemas['CheckoutBody']).toMatchObject({ additionalProperties: false, required: ['cartId', 'shippingAddress', 'payment'] });
    expect(doc.components.schemas['CreateReservationBody']).toMatchObject({ required: ['items'] });
    expect(doc.info.version).toBe('1.2.3');
    // Search is described with its contracts: the query string's parameters and the result's facets.
    const searchParams = operation('get', '/api/search')!.parameters.map((p) => `${p.in}:${p.name}:${p.required}`);
    expect(searchParams).toEqual(
      ['q', 'category', 'minPrice', 'maxPrice', 'inStock', 'size', 'colour', 'sort', 'limit', 'cursor'].map((name) => `query:${name}:false`),
    );
    expect(operation('get', '/api/search/suggest')!.parameters).toContainEqual(expect.objectContaining({ name: 'q', in: 'query', required: true }));
    expect(doc.components.schemas['SearchResult']).toMatchObject({ required: expect.arrayContaining(['items', 'total', 'facets', 'nextCursor']) });
  });

  it('documents the unsubscribe links as public: the GET redirects, the details answer their contracts, the POST unsubscribes', () => {
    const follow = operation('get', '/api/notifications/unsubscribe')!;
    expect(follow['x-access']).toBe('public');
    expect(follow.responses['303']).toEqual({ description: 'Redirect: see the Location header' });
    expect(follow.responses['200']).toBeUndefined();
    for (const [path, schema] of [
      ['/api/notifications/unsubscribe/address', 'AddressUnsubscribeDetails'],
      ['/api/notifications/unsubscribe/back-in-stock', 'BackInStockAlertDetails'],
    ] as const) {
      const details = operation('get', path)!;
      expect(details['x-access'], path).toBe('public');
      expect(details.parameters, path).toContainEqual(expect.objectContaining({ name: 'token', in: 'query', required: true }));
      expect(JSON.stringify(details.responses['200']), path).toContain(`#/components/schemas/${schema}`);
    }
    expect(doc.components.schemas['AddressUnsubscribeDetails']).toMatchObject({ required: ['maskedEmail', 'unsubscribed'] });
    expect(operation('post', '/api/notifications/unsubscribe')?.['x-access']).toBe('public');
  });

  it('describes the image upload as a multipart form, and the docs page renders it', () => {
    const doc = buildOpenApiDocument('test', routeTable);
    const upload = (doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[]; properties: Record<string, unknown> } }> } }>>)['/api/admin/products/{id}/images']!.post!;
    const form = upload.requestBody!.content['multipart/form-data']!.schema;
    expect(form.required).toEqual(['file']);
    expect(Object.keys(form.properties)).toEqual(['alt', 'file']);
    const page = renderDocsPage(doc);
    expect(page).toContain('<code>multipart/form-data</code> with <code>alt</code>, <code>file</code>');
  });
});
