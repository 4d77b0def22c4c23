import { ProductArchivedV1, ProductUpdatedV1, type EventEnvelope, type ProductChangedPayload } from '@shop/contracts';
import type { ReadRouting } from '@shop/persistence';
import type { ProductCache } from '../application/product-cache.js';

// A product that was just created cannot have a stale cached read, so only changes matter.
const productEventTypes = new Set<string>([ProductUpdatedV1.type, ProductArchivedV1.type]);

/**
 * Drops cached public reads of a product when any catalog instance changes it. Deleting a key
 * twice is harmless, so redelivery needs no processed-event record here. First this instance's
 * public reads wait for the change on the read replica, or a read from a replica that has not
 * replayed it yet would put the old product back in the cache.
 */
export function productCacheInvalidator(cache: ProductCache, publicReads: Pick<ReadRouting<unknown>, 'afterWrite'>) {
  return async (event: EventEnvelope): Promise<void> => {
    if (!productEventTypes.has(event.eventType)) return;
    const { product } = event.payload as ProductChangedPayload;
    await publicReads.afterWrite();
    await cache.invalidate([product.id, product.slug]);
  };
}
