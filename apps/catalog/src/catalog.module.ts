import { Module, type DynamicModule } from '@nestjs/common';
import { ProductCatalog } from './application/product-catalog.js';
import { httpModule, METRICS } from '@shop/service-kit';
import type { Metrics } from '@shop/observability';
import { CATALOG_METRICS, createCatalogMetrics } from './catalog-metrics.js';
import { CATALOG_CONFIG, type CatalogConfig } from './config.js';
import { AdminProductsController } from './http/admin-products.controller.js';
import { AdminCategoriesController, CategoriesController } from './http/categories.controller.js';
import { MediaController } from './http/media.controller.js';
import { ProductsController } from './http/products.controller.js';
import { AdminProductImagesController } from './http/admin-product-images.controller.js';
import { UploadedMediaController } from './http/uploaded-media.controller.js';
import { ProductImages } from './application/product-images.js';
import { InternalVariantsController, VariantsController } from './http/variants.controller.js';

export interface CatalogModuleDeps {
  catalog: ProductCatalog;
  images: ProductImages;
  config: CatalogConfig;
}

/** The catalog's HTTP surface; its collaborators are built by the composition root (catalog-app.ts). */
@Module({})
export class CatalogModule {
  static forRoot(deps: CatalogModuleDeps): DynamicModule {
    const controllers = [ProductsController, AdminProductsController, AdminProductImagesController, UploadedMediaController, CategoriesController, AdminCategoriesController, MediaController, VariantsController, InternalVariantsController];
    const metrics = { provide: CATALOG_METRICS, useFactory: (m: Metrics) => createCatalogMetrics(m.registry), inject: [METRICS] };
    return httpModule(CatalogModule, controllers, [[ProductCatalog, deps.catalog], [ProductImages, deps.images], [CATALOG_CONFIG, deps.config]], [metrics]);
  }
}
