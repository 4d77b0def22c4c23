import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListProductsQuery, ProductIdOrSlug } from '@shop/contracts';
import { ZodParam, ZodQuery } from '@shop/service-kit';
import { ProductCatalog } from '../application/product-catalog.js';
import { CATALOG_METRICS, type CatalogMetrics } from '../catalog-metrics.js';
import { CATALOG_CONFIG, type CatalogConfig } from '../config.js';
import { sendCacheable } from './cacheable-response.js';

/** Public product reads: active products only, cacheable by browsers and CDNs. */
@Controller('api/products')
export class ProductsController {
  constructor(
    @Inject(ProductCatalog) private readonly catalog: ProductCatalog,
    @Inject(CATALOG_METRICS) private readonly metrics: CatalogMetrics,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  @Get()
  async list(
    @ZodQuery(ListProductsQuery) query: ListProductsQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = await this.catalog.publicList(query);
    return sendCacheable(request, reply, JSON.stringify(page), this.config.listCache);
  }

  @Get(':idOrSlug')
  async get(
    @ZodParam('idOrSlug', ProductIdOrSlug) idOrSlug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { value, cache } = await this.catalog.publicProduct(idOrSlug);
    this.metrics.productCache.inc({ result: cache });
    reply.header('x-cache', cache === 'hit' ? 'HIT' : 'MISS');
    return sendCacheable(request, reply, value.json, this.config.productCache, value.etag);
  }
}
