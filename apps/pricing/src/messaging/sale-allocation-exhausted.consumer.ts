import { SaleAllocationExhaustedV1, type EventEnvelope } from '@shop/contracts';
import type { FlashSaleService } from '../application/flash-sale-service.js';

/**
 * Inventory says a SKU's sale allocation ran out: the open sale of that SKU is checked against the
 * engine's figures at once (not at the next sweep) and, when none are left, recorded sold out with
 * its event. Recording is once-only, so redelivery and the sweep seeing it too are harmless.
 */
export function saleAllocationExhaustedHandler(sales: Pick<FlashSaleService, 'soldOutReported'>) {
  return async (event: EventEnvelope): Promise<void> => {
    if (event.eventType !== SaleAllocationExhaustedV1.type) return;
    const { sku } = SaleAllocationExhaustedV1.payload.parse(event.payload);
    await sales.soldOutReported(sku);
  };
}
