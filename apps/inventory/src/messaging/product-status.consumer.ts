import { ProductArchivedV1, ProductCreatedV1, ProductUpdatedV1, type EventEnvelope, type ProductChangedPayload } from '@shop/contracts';
import type { InventoryService } from '../application/inventory-service.js';

const productEventTypes = new Set<string>([ProductCreatedV1.type, ProductUpdatedV1.type, ProductArchivedV1.type]);

/**
 * Learns from the catalog which SKUs are purchasable (active products): draft and archived ones
 * cannot be held. Redelivery is harmless (an older product version never overwrites a newer one).
 * Off the hot path: a reservation reads only the partition's memory.
 */
export function productStatusConsumer(inventory: InventoryService) {
  return async (event: EventEnvelope): Promise<void> => {
    if (!productEventTypes.has(event.eventType)) return;
    const { product } = event.payload as ProductChangedPayload;
    await inventory.productChanged(product);
  };
}
