import { describe, expect, it } from 'vitest';
import type { Image, Product } from '@shop/contracts';
import {
  acceptedImageType,
  addImage,
  arrangeImages,
  isImageError,
  removeImage,
  sniffImageType,
  typeOfUploadKey,
  uploadKeyOf,
  uploadKeyOfImage,
  withImageIds,
} from './product-images.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const ID = '0b7f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = Uint8Array.from([...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);

function product(images: Image[], status: Product['status'] = 'active'): Product {
  return {
    id: ID,
    slug: 'tee',
    title: 'Tee',
    description: '',
    status,
    categoryIds: [],
    images,
    variants: [{ id: '1b7f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70', sku: 'TEE-M', title: 'M', attributes: {}, price: { amount: 100, currency: 'EUR' } }],
    version: 3,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

const image = (n: number): Image => ({ id: `00000000-0000-4000-8000-00000000000${n}`, url: `/media/uploads/00000000-0000-4000-8000-00000000000${n}.png`, alt: `image ${n}` });

describe('sniffImageType', () => {
  it('knows JPEG, PNG and WebP by their first bytes, and nothing else', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('RIFF....WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

describe('acceptedImageType', () => {
  it('accepts a file whose content is what it claims', () => {
    expect(acceptedImageType(PNG, 'image/png')).toBe('image/png');
    expect(acceptedImageType(JPEG, 'IMAGE/JPEG; charset=binary')).toBe('image/jpeg');
  });

  it('refuses with 415 naming the file and why: another claimed type, another content, a lie', () => {
    const claimedGif = acceptedImageType(PNG, 'image/gif');
    const textAsPng = acceptedImageType(Buffer.from('hello, not an image'), 'image/png');
    const jpegAsPng = acceptedImageType(JPEG, 'image/png');
    for (const refusal of [claimedGif, textAsPng, jpegAsPng]) {
      expect(isImageError(refusal) && refusal.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(isImageError(claimedGif) && claimedGif.details).toEqual([{ field: 'file', reason: 'must be image/jpeg, image/png or image/webp, not image/gif' }]);
    expect(isImageError(textAsPng) && textAsPng.details).toEqual([{ field: 'file', reason: 'must be a JPEG, PNG or WebP image; its content is not one' }]);
    expect(isImageError(jpegAsPng) && jpegAsPng.details).toEqual([{ field: 'file', reason: 'says image/png but its content is image/jpeg' }]);
  });
});

describe('upload keys', () => {
  it('are an id and an extension; anything else is no key', () => {
    const key = uploadKeyOf(ID, 'image/webp');
    expect(key).toBe(`${ID}.webp`);
    expect(typeOfUploadKey(key)).toBe('image/webp');
    for (const bad of ['../etc/passwd', `${ID}.svg`, `${ID}.png/..`, `x${ID}.png`, `${ID.toUpperCase()}.png`, '']) expect(typeOfUploadKey(bad)).toBeUndefined();
  });

  it('are found in an uploaded image’s URL only', () => {
    expect(uploadKeyOfImage({ url: `/media/uploads/${ID}.png` })).toBe(`${ID}.png`);
    expect(uploadKeyOfImage({ url: '/media/placeholder/tee.svg' })).toBeUndefined();
    expect(uploadKeyOfImage({ url: `https://cdn.example/media/uploads/${ID}.png` })).toBeUndefined();
    expect(uploadKeyOfImage({ url: '/media/uploads/../../secret.png' })).toBeUndefined();
  });
});

describe('withImageIds', () => {
  it('keeps ids and gives images without one the same id on every read, distinct for a repeated URL', () => {
    const legacy: Image[] = [{ url: '/media/placeholder/a.svg', alt: '' }, { url: '/media/placeholder/a.svg', alt: '' }, image(1)];
    const first = withImageIds(ID, legacy);
    expect(first[2]).toBe(legacy[2]);
    expect(first[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first[0]!.id).not.toBe(first[1]!.id);
    expect(withImageIds(ID, legacy)).toEqual(first);
    expect(withImageIds('1b7f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70', legacy)[0]!.id).not.toBe(first[0]!.id);
  });
});

describe('image commands', () => {
  it('appends an image as a new version', () => {
    const next = addImage(product([image(1)]), image(2), NOW);
    expect(isImageError(next)).toBe(false);
    expect((next as Product).images.map((i) => i.id)).toEqual([image(1).id, image(2).id]);
    expect((next as Product).version).toBe(4);
  });

  it('refuses a 21st image and any change of an archived product', () => {
    const full = product(Array.from({ length: 20 }, (_, n) => ({ ...image(1), id: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}` })));
    const tooMany = addImage(full, image(2), NOW);
    expect(isImageError(tooMany) && tooMany.code).toBe('VALIDATION_FAILED');
    const archived = product([image(1)], 'archived');
    expect((addImage(archived, image(2), NOW) as { code: string }).code).toBe('PRODUCT_ARCHIVED');
    expect((removeImage(archived, image(1).id!, NOW) as { code: string }).code).toBe('PRODUCT_ARCHIVED');
    expect((arrangeImages(archived, { images: [{ id: image(1).id! }] }, NOW) as { code: string }).code).toBe('PRODUCT_ARCHIVED');
  });

  it('removes an image by id and hands it back; an unknown id is NOT_FOUND', () => {
    const result = removeImage(product([image(1), image(2)]), image(1).id!, NOW);
    expect('product' in result && result.product.images).toEqual([image(2)]);
    expect('removed' in result && result.removed).toEqual(image(1));
    expect((removeImage(product([image(1)]), image(3).id!, NOW) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('reorders and renames; the list must name every image once', () => {
    const current = product([image(1), image(2), image(3)]);
    const next = arrangeImages(current, { images: [{ id: image(3).id! }, { id: image(1).id!, alt: 'front' }, { id: image(2).id! }] }, NOW) as Product;
    expect(next.images.map((i) => [i.id, i.alt])).toEqual([
      [image(3).id, 'image 3'],
      [image(1).id, 'front'],
      [image(2).id, 'image 2'],
    ]);
    const missing = arrangeImages(current, { images: [{ id: image(1).id! }, { id: image(2).id! }] }, NOW);
    const unknown = arrangeImages(current, { images: [{ id: image(1).id! }, { id: image(2).id! }, { id: image(4).id! }] }, NOW);
    for (const refusal of [missing, unknown]) {
      expect(isImageError(refusal) && refusal.details).toEqual([{ field: 'images', reason: 'must list each of the product’s images exactly once' }]);
    }
  });
});
