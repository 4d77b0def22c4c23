import { Controller, Get, Header, Inject } from '@nestjs/common';
import { InternalStockQuery, type InternalStockList } from '@shop/contracts';
import { RequireService, ZodQuery } from '@shop/service-kit';
import { InventoryService } from '../application/inventory-service.js';
import { INTERNAL_PREFIX, InternalRoutes } from '../inventory-routes.js';

/**
 * Stock of many SKUs (in stock or not); service-to-service only: the search service's reindex, and
 * the cart, which never takes more of a SKU than can still be sold.
 */
@Controller(INTERNAL_PREFIX)
@RequireService('search', 'cart')
export class InternalStockController {
  constructor(@Inject(InventoryService) private readonly inventory: InventoryService) {}

  @Get(InternalRoutes.stock)
  @Header('cache-control', 'no-store')
  stock(@ZodQuery(InternalStockQuery) query: InternalStockQuery): Promise<InternalStockList> {
    return this.inventory.stockList(query.skus);
  }
}
