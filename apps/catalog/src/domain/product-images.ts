import { createHash } from 'node:crypto';
import {
  failure,
  FailureCode,
  isFailureCode,
  MAX_IMAGES_PER_PRODUCT,
  type ArrangeImagesBody,
  type Failure,
  type Image,
  type Product,
  type UploadableImageType,
} from '@shop/contracts';

/** Expected failures of the image commands: values, not exceptions (the application throws them). */
export type ImageError =
  | Failure<typeof FailureCode.NOT_FOUND>
  | Failure<typeof FailureCode.VALIDATION_FAILED>
  | Failure<typeof FailureCode.UNSUPPORTED_MEDIA_TYPE>
  | Failure<typeof FailureCode.PRODUCT_ARCHIVED>;

/** Where the catalog serves uploaded files: `/media/uploads/<key>` (the gateway forwards /media/ to it). */
export const UPLOAD_URL_PREFIX = '/media/uploads/';

const EXTENSION_OF: Record<UploadableImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const TYPE_OF_EXTENSION: Record<string, UploadableImageType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** A stored file's key: the image's id and its format's extension, nothing a client chose. */
export const UPLOAD_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(jpg|png|webp)$/;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
}

/**
 * What a file really is, from its first bytes (a client's Content-Type is only a claim): JPEG
 * (FF D8 FF), PNG (its 8-byte signature) or WebP (a RIFF container of type WEBP); else undefined.
 */
export function sniffImageType(bytes: Uint8Array): UploadableImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/** The file's format, or why it is refused (415, naming the field `file`). */
export function acceptedImageType(bytes: Uint8Array, declaredType: string): UploadableImageType | ImageError {
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  const refuse = (reason: string) => failure(FailureCode.UNSUPPORTED_MEDIA_TYPE, `the file ${reason}`, [{ field: 'file', reason }]);
  if (!(declared in EXTENSION_OF)) return refuse(`must be image/jpeg, image/png or image/webp, not ${declared || 'untyped'}`);
  const actual = sniffImageType(bytes);
  if (!actual) return refuse('must be a JPEG, PNG or WebP image; its content is not one');
  if (actual !== declared) return refuse(`says ${declared} but its content is ${actual}`);
  return actual;
}

export function uploadKeyOf(imageId: string, type: UploadableImageType): string {
  return `${imageId}.${EXTENSION_OF[type]}`;
}

/** The format of a stored file's key, or undefined when the string is no key of ours (so no path can be smuggled in). */
export function typeOfUploadKey(key: string): UploadableImageType | undefined {
  const match = UPLOAD_KEY.exec(key);
  return match ? TYPE_OF_EXTENSION[match[2]!] : undefined;
}

/** The stored file behind an image, when it is an upload (not a placeholder or an outside URL). */
export function uploadKeyOfImage(image: Pick<Image, 'url'>): string | undefined {
  if (!image.url.startsWith(UPLOAD_URL_PREFIX)) return undefined;
  const key = image.url.slice(UPLOAD_URL_PREFIX.length);
  return typeOfUploadKey(key) ? key : undefined;
}

/**
 * Every image with an id. Images set by address before images had ids get one derived from the
 * product, the URL and how many earlier images share it: the same on every read, so the image
 * routes can name them; the next image command stores it.
 */
export function withImageIds(productId: string, images: readonly Image[]): Image[] {
  const seen = new Map<string, number>();
  return images.map((image) => {
    if (image.id) return image;
    const n = seen.get(image.url) ?? 0;
    seen.set(image.url, n + 1);
    return { ...image, id: derivedUuid(`image:${productId}:${image.url}:${n}`) };
  });
}

function derivedUuid(key: string): string {
  const bytes = createHash('sha256').update(key).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4 shape
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function changed(current: Product, images: Image[], now: Date): Product {
  return { ...current, images, version: current.version + 1, updatedAt: now.toISOString() };
}

function unlessArchived(current: Product): ImageError | undefined {
  return current.status === 'archived' ? failure(FailureCode.PRODUCT_ARCHIVED, 'an archived product can no longer be changed; restore it to draft first') : undefined;
}

/** Whether one more image fits (checked before the file is stored, and again when it is added). */
export function canAddImage(current: Product): ImageError | undefined {
  const archived = unlessArchived(current);
  if (archived) return archived;
  if (current.images.length >= MAX_IMAGES_PER_PRODUCT) {
    const reason = `a product has at most ${MAX_IMAGES_PER_PRODUCT} images; remove one first`;
    return failure(FailureCode.VALIDATION_FAILED, reason, [{ field: 'file', reason }]);
  }
  return undefined;
}

/** The product with `image` appended (the first image is the one listings show). */
export function addImage(current: Product, image: Image, now: Date): Product | ImageError {
  return canAddImage(current) ?? changed(current, [...withImageIds(current.id, current.images), image], now);
}

/** The product without the image `imageId`, and the image that went. */
export function removeImage(current: Product, imageId: string, now: Date): { product: Product; removed: Image } | ImageError {
  const archived = unlessArchived(current);
  if (archived) return archived;
  const images = withImageIds(current.id, current.images);
  const removed = images.find((i) => i.id === imageId);
  if (!removed) return failure(FailureCode.NOT_FOUND, `product ${current.id} has no image ${imageId}`);
  return { product: changed(current, images.filter((i) => i !== removed), now), removed };
}

/** The product's images in the order given, with their new alt texts; every image must be named once. */
export function arrangeImages(current: Product, body: ArrangeImagesBody, now: Date): Product | ImageError {
  const archived = unlessArchived(current);
  if (archived) return archived;
  const images = new Map(withImageIds(current.id, current.images).map((i) => [i.id!, i]));
  const named = body.images.map((i) => i.id);
  const missing = [...images.keys()].filter((id) => !named.includes(id));
  const unknown = named.filter((id) => !images.has(id));
  if (missing.length > 0 || unknown.length > 0) {
    const reason = 'must list each of the product’s images exactly once';
    return failure(FailureCode.VALIDATION_FAILED, `the image list does not match the product’s images: ${reason}`, [{ field: 'images', reason }]);
  }
  return changed(
    current,
    body.images.map(({ id, alt }) => {
      const image = images.get(id)!;
      return alt === undefined ? image : { ...image, alt };
    }),
    now,
  );
}

export function isImageError(value: unknown): value is ImageError {
  return typeof value === 'object' && value !== null && isFailureCode((value as { code?: unknown }).code);
}
