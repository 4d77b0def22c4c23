import { Controller, Get, Inject } from '@nestjs/common';
import { Sku, VariantsQuery, type VariantList, type VariantView } from '@shop/contracts';
import { ZodParam, ZodQuery } from '@shop/service-kit';
import { ProductCatalog } from '../application/product-catalog.js';

/**
 * SKU lookups for other services (the cart checks and prices its lines here). Unlike the public
 * product reads, drafts and archived products are answered too, with their status.
 */
@Controller('api/variants')
export class VariantsController {
  constructor(@Inject(ProductCatalog) private readonly catalog: ProductCatalog) {}

  /** `?skus=A-1,B-2` (at most 100): one call prices a whole cart. */
  @Get()
  async list(@ZodQuery(VariantsQuery) query: VariantsQuery): Promise<VariantList> {
    return { items: await this.catalog.variants(query.skus) };
  }

  @Get(':sku')
  get(@ZodParam('sku', Sku) sku: string): Promise<VariantView> {
    return this.catalog.variant(sku);
  }
}
