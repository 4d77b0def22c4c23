import { ProductArchivedV1, ProductCreatedV1, ProductUpdatedV1 } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { ProductProjection } from '../application/product-projection.js';

/**
 * The catalog's product events into product_price. Redelivery is harmless: the product's version
 * guards the write (an older or repeated version changes nothing), so no processed-event record
 * is needed. A failure (the category tree cannot be read) is retried by the stream consumer.
 */
export function productPricesConsumer(projection: ProductProjection) {
  const handle = async (event: { payload: { product: Parameters<ProductProjection['productsChanged']>[0][number] } }) => {
    await projection.productsChanged([event.payload.product]);
  };
  return routeEvents([on(ProductCreatedV1, handle), on(ProductUpdatedV1, handle), on(ProductArchivedV1, handle)]);
}
