import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Image, Product } from '@shop/contracts';
import { streamKey } from '@shop/messaging';
import { eventually } from '@shop/testing';
import { api, createProduct, redisClient, startTestCatalog } from './catalog-harness.js';

const MAX_BYTES = 64 * 1024;
const CUSTOMER = { userId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', role: 'customer' as const };

let catalog: Awaited<ReturnType<typeof startTestCatalog>>;
let base: string;
let imageDir: string;

beforeAll(async () => {
  imageDir = await mkdtemp(join(tmpdir(), 'catalog-images-'));
  catalog = await startTestCatalog({ env: { CATALOG_IMAGE_DIR: imageDir, CATALOG_IMAGE_MAX_BYTES: String(MAX_BYTES) } });
  base = catalog.url;
});
afterAll(async () => {
  await catalog?.service.close();
  await rm(imageDir, { recursive: true, force: true });
});

async function picture(format: 'png' | 'jpeg' | 'webp', width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

/** A PNG of random pixels: it does not compress, so it is bigger than the limit. */
async function bigPicture(): Promise<Buffer> {
  const side = 256;
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

function form(bytes: Buffer, type: string, fields: Record<string, string> = {}, name = 'file'): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append(name, new Blob([new Uint8Array(bytes)], { type }), 'picture');
  return body;
}

function upload(productId: string, body: FormData | string, as?: typeof CUSTOMER | null) {
  return api(base, `/api/admin/products/${productId}/images`, { method: 'POST', body, ...(as !== undefined ? { as } : {}) });
}

async function storedFiles(): Promise<string[]> {
  return (await readdir(imageDir)).filter((f) => !f.startsWith('.'));
}

describe('uploading a product image', () => {
  it('stores a PNG, adds it to the product with its size and alt text, and serves it publicly for a year', async () => {
    const product = await createProduct(base);
    const bytes = await picture('png');
    const res = await upload(product.id, form(bytes, 'image/png', { alt: 'The tee, folded' }));
    expect(res.status).toBe(201);
    const saved = res.body as Product;
    expect(saved.version).toBe(product.version + 1);
    const image = saved.images.at(-1)!;
    expect(image).toEqual({ id: expect.any(String), url: `/media/uploads/${image.id}.png`, alt: 'The tee, folded', width: 40, height: 30 });

    const served = await fetch(base + image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);

    // The public product (cached reads dropped) and the event carry it.
    const pub = await api(base, `/api/products/${product.slug}`);
    expect((pub.body as Product).images.at(-1)).toEqual(image);
    const redis = redisClient();
    try {
      const event = await eventually(async () => {
        const entries = await redis.xrange(streamKey(catalog.prefix, 'events.catalog'), '-', '+');
        const found = entries
          .map(([, fields]) => JSON.parse(fields[fields.indexOf('envelope') + 1]!))
          .find((e) => e.aggregateId === product.id && e.version === saved.version);
        if (!found) throw new Error('not yet published');
        return found;
      });
      expect(event.eventType).toBe('catalog.product.updated.v1');
      expect(event.payload.product.images.at(-1)).toEqual(image);
    } finally {
      redis.disconnect();
    }
  });

  it('accepts JPEG and WebP too, and an upload without alt text', async () => {
    const product = await createProduct(base);
    for (const [format, type] of [['jpeg', 'image/jpeg'], ['webp', 'image/webp']] as const) {
      const res = await upload(product.id, form(await picture(format, 12, 34), type));
      expect(res.status).toBe(201);
      const image = (res.body as Product).images.at(-1)!;
      expect(image).toMatchObject({ alt: '', width: 12, height: 34 });
      expect(image.url).toMatch(format === 'jpeg' ? /\.jpg$/ : /\.webp$/);
      expect((await fetch(base + image.url)).headers.get('content-type')).toBe(type);
    }
  });

  it('refuses a file that is not a JPEG, PNG or WebP by its bytes (415 naming the file) and changes nothing', async () => {
    const product = await createProduct(base);
    const before = await storedFiles();
    const cases: Array<[Buffer, string, string]> = [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png', 'must be a JPEG, PNG or WebP image; its content is not one'],
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/gif', 'must be image/jpeg, image/png or image/webp, not image/gif'],
      [await picture('jpeg'), 'image/png', 'says image/png but its content is image/jpeg'],
      [(await picture('png')).subarray(0, 40), 'image/png', 'cannot be read as an image (damaged or incomplete)'],
    ];
    for (const [bytes, type, reason] of cases) {
      const res = await upload(product.id, form(bytes, type));
      expect(res.status, reason).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'file', reason }] });
    }
    const json = await api(base, `/api/admin/products/${product.id}/images`, { method: 'POST', json: { url: '/x.png' } });
    expect(json.status).toBe(415);
    expect(json.body.error.details).toEqual([{ field: 'file', reason: 'must be sent as multipart/form-data' }]);
    expect((await api(base, `/api/admin/products/${product.id}`)).body).toMatchObject({ version: product.version, images: [] });
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses a file over the size limit with 413, and a form without a file or with two with 400', async () => {
    const product = await createProduct(base);
    const before = await storedFiles();
    const big = await bigPicture();
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    const tooBig = await upload(product.id, form(big, 'image/png'));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'file', reason: `must be at most ${MAX_BYTES} bytes` }] });

    const noFile = new FormData();
    noFile.append('alt', 'nothing attached');
    const missing = await upload(product.id, noFile);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ field: 'file', reason: 'is required' }]);

    const two = form(await picture('png'), 'image/png');
    two.append('file', new Blob([new Uint8Array(await picture('png'))], { type: 'image/png' }), 'second');
    const twoFiles = await upload(product.id, two);
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body.error.details).toEqual([{ field: 'file', reason: 'one file per request' }]);

    const longAlt = await upload(product.id, form(await picture('png'), 'image/png', { alt: 'x'.repeat(301) }));
    expect(longAlt.status).toBe(400);
    expect(longAlt.body.error.details[0].field).toBe('alt');

    expect((await api(base, `/api/admin/products/${product.id}`)).body).toMatchObject({ version: product.version, images: [] });
    expect(await storedFiles()).toEqual(before);
  });

  it('is for admins only (401 anonymous, 403 customer) and 404 for an unknown product; nothing is stored', async () => {
    const product = await createProduct(base);
    const before = await storedFiles();
    const bytes = await picture('png');
    expect((await upload(product.id, form(bytes, 'image/png'), null)).status).toBe(401);
    expect((await upload(product.id, form(bytes, 'image/png'), CUSTOMER)).status).toBe(403);
    const unknown = await upload('00000000-0000-4000-8000-000000000000', form(bytes, 'image/png'));
    expect(unknown.status).toBe(404);
    expect((await api(base, `/api/admin/products/${product.id}`)).body).toMatchObject({ version: product.version, images: [] });
    expect(await storedFiles()).toEqual(before);
  });
});

describe('managing a product’s images', () => {
  async function productWithImages(n: number): Promise<{ product: Product; images: Image[] }> {
    let product = await createProduct(base);
    for (let i = 0; i < n; i++) {
      const res = await upload(product.id, form(await picture('png', 10 + i, 10), 'image/png', { alt: `view ${i + 1}` }));
      expect(res.status).toBe(201);
      product = res.body as Product;
    }
    return { product, images: product.images };
  }

  it('removes an image: gone from the product and from storage; again is 404', async () => {
    const { product, images } = await productWithImages(2);
    const [first, second] = images as [Image, Image];
    const res = await api(base, `/api/admin/products/${product.id}/images/${first.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((res.body as Product).images).toEqual([second]);
    expect((await fetch(base + first.url)).status).toBe(404);
    expect((await fetch(base + second.url)).status).toBe(200);
    expect((await api(base, `/api/admin/products/${product.id}/images/${first.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(base, `/api/admin/products/${product.id}/images/${second.id}`, { method: 'DELETE', as: CUSTOMER })).status).toBe(403);
  });

  it('reorders images and changes alt texts; a list that is not exactly the product’s images is 400', async () => {
    const { product, images } = await productWithImages(3);
    const [a, b, c] = images as [Image, Image, Image];
    const res = await api(base, `/api/admin/products/${product.id}/images`, {
      method: 'PATCH',
      json: { images: [{ id: c.id }, { id: a.id, alt: 'Front' }, { id: b.id }] },
    });
    expect(res.status).toBe(200);
    expect((res.body as Product).images).toEqual([c, { ...a, alt: 'Front' }, b]);
    expect(((await api(base, `/api/products/${product.id}`)).body as Product).images[0]).toEqual(c);

    const partial = await api(base, `/api/admin/products/${product.id}/images`, { method: 'PATCH', json: { images: [{ id: a.id }] } });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details).toEqual([{ field: 'images', reason: 'must list each of the product’s images exactly once' }]);
    const badId = await api(base, `/api/admin/products/${product.id}/images`, { method: 'PATCH', json: { images: [{ id: 'nope' }] } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].field).toBe('images.0.id');
    expect((await api(base, `/api/admin/products/${product.id}/images`, { method: 'PATCH', json: { images: [] }, as: CUSTOMER })).status).toBe(403);
  });

  it('gives images set by address an id the image routes can use', async () => {
    const product = await createProduct(base, { images: [{ url: '/media/placeholder/tee.svg', alt: 'Tee' }] });
    const [image] = product.images as [Image];
    expect(image.id).toMatch(/^[0-9a-f-]{36}$/);
    const res = await api(base, `/api/admin/products/${product.id}/images/${image.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((res.body as Product).images).toEqual([]);
  });
});

describe('serving uploads', () => {
  it('answers only keys of the catalog’s own making: no path, no other extension', async () => {
    for (const path of ['/media/uploads/..%2F..%2Fpackage.json', '/media/uploads/passwd', '/media/uploads/00000000-0000-4000-8000-000000000000.svg']) {
      expect((await fetch(base + path)).status, path).toBe(400);
    }
    expect((await fetch(`${base}/media/uploads/00000000-0000-4000-8000-000000000000.png`)).status).toBe(404);
  });
});
