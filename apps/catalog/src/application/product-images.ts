import { randomUUID } from 'node:crypto';
import { Failed, FailureCode, type ArrangeImagesBody, type Clock, type Image, type Product, type UploadableImageType } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import {
  acceptedImageType,
  addImage,
  arrangeImages,
  canAddImage,
  isImageError,
  removeImage,
  typeOfUploadKey,
  UPLOAD_URL_PREFIX,
  uploadKeyOf,
  uploadKeyOfImage,
} from '../domain/product-images.js';
import type { ImageProbe, ImageStore, StoredFile } from './image-store.js';
import type { ProductCatalog } from './product-catalog.js';

/** One file as the HTTP layer received it (already within the size limit). */
export interface ReceivedImage {
  bytes: Buffer;
  /** The Content-Type the client gave the file part: a claim, checked against the bytes. */
  declaredType: string;
  alt: string;
}

/**
 * A product's uploaded images: upload (checked by its bytes, stored, then added to the product
 * with its event), remove, reorder and alt texts, and reading a stored file back. The file is
 * written before the product changes and removed after: a failed change leaves no file behind,
 * and a product never names a file that is not there.
 */
export class ProductImages {
  constructor(
    private readonly catalog: ProductCatalog,
    private readonly store: ImageStore,
    private readonly probe: ImageProbe,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async upload(productId: string, file: ReceivedImage): Promise<Product> {
    const type = acceptedImageType(file.bytes, file.declaredType);
    if (isImageError(type)) throw new Failed(type);
    // Refuse before storing anything when the product cannot take it (unknown, archived, full).
    const refusal = canAddImage(await this.catalog.adminProduct(productId));
    if (refusal) throw new Failed(refusal);
    const size = await this.probe(file.bytes);
    if (!size) {
      const reason = 'cannot be read as an image (damaged or incomplete)';
      throw Failed.of(FailureCode.UNSUPPORTED_MEDIA_TYPE, `the file ${reason}`, [{ field: 'file', reason }]);
    }
    const id = randomUUID();
    const key = uploadKeyOf(id, type);
    const image: Image = { id, url: `${UPLOAD_URL_PREFIX}${key}`, alt: file.alt, width: size.width, height: size.height };
    await this.store.put(key, file.bytes);
    try {
      const { product } = await this.catalog.change(productId, (current) => wrap(addImage(current, image, this.clock.now())));
      return product;
    } catch (err) {
      await this.discard(key);
      throw err;
    }
  }

  async remove(productId: string, imageId: string): Promise<Product> {
    const { product, removed } = await this.catalog.change(productId, (current) => removeImage(current, imageId, this.clock.now()));
    const key = uploadKeyOfImage(removed);
    if (key) await this.discard(key);
    return product;
  }

  async arrange(productId: string, body: ArrangeImagesBody): Promise<Product> {
    const { product } = await this.catalog.change(productId, (current) => wrap(arrangeImages(current, body, this.clock.now())));
    return product;
  }

  /** A stored upload by its key, with its type; null for no such file (or a string that is no key). */
  async read(key: string): Promise<(StoredFile & { type: UploadableImageType }) | null> {
    const type = typeOfUploadKey(key);
    if (!type) return null;
    const file = await this.store.open(key);
    return file && { ...file, type };
  }

  /** A file nobody refers to any more; failing to remove it costs disk space, not correctness. */
  private async discard(key: string): Promise<void> {
    try {
      await this.store.delete(key);
    } catch (err) {
      this.logger.warn({ key, err: err instanceof Error ? err.message : String(err) }, 'could not remove an unused image file');
    }
  }
}

function wrap<E>(result: Product | E): { product: Product } | E {
  return typeof result === 'object' && result !== null && 'id' in result ? { product: result as Product } : (result as E);
}
