import { Controller, Get, Inject } from '@nestjs/common';
import { Sku, VariantsQuery, type VariantList, type VariantView } from '@shop/contracts';
import { RequireService, ZodParam, ZodQuery } from '@shop/service-kit';
import { ProductCatalog } from '../application/product-catalog.js';

/**
 * Public SKU lookups (through the gateway): purchasable products only. A draft or archived
 * product's SKU is answered like an unknown one, so unreleased products stay unseen.
 */
@Controller('api/variants')
export class VariantsController {
  constructor(@Inject(ProductCatalog) private readonly catalog: ProductCatalog) {}

  /** `?skus=A-1,B-2` (at most 100). */
  @Get()
  async list(@ZodQuery(VariantsQuery) query: VariantsQuery): Promise<VariantList> {
    return { items: await this.catalog.variants(query.skus, 'public') };
  }

  @Get(':sku')
  get(@ZodParam('sku', Sku) sku: string): Promise<VariantView> {
    return this.catalog.variant(sku, 'public');
  }
}

/**
 * SKU lookups for other services (the cart checks and prices its lines here, checkout quotes,
 * notifications names the product of a back-in-stock mail): drafts and archived products are
 * answered too, with their status, so a cart can say "no longer available". Not exposed by the
 * gateway (it forwards /api/... only).
 */
@Controller('internal/catalog/variants')
@RequireService('cart', 'payments', 'notifications')
export class InternalVariantsController {
  constructor(@Inject(ProductCatalog) private readonly catalog: ProductCatalog) {}

  /** `?skus=A-1,B-2` (at most 100): one call prices a whole cart. */
  @Get()
  async list(@ZodQuery(VariantsQuery) query: VariantsQuery): Promise<VariantList> {
    return { items: await this.catalog.variants(query.skus, 'all') };
  }

  @Get(':sku')
  get(@ZodParam('sku', Sku) sku: string): Promise<VariantView> {
    return this.catalog.variant(sku, 'all');
  }
}
