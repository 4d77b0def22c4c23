import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZodParam } from '@shop/service-kit';
import { ProductCatalog } from '../application/product-catalog.js';
import { CATALOG_CONFIG, type CatalogConfig } from '../config.js';
import { placeholderSlugOf, renderPlaceholderSvg } from '../domain/placeholder-image.js';

/**
 * Placeholder product images served locally, so the demo shop needs no network. A picture named
 * after a product's slug shows that product's title as the catalog spells it.
 */
@Controller('media/placeholder')
export class MediaController {
  constructor(
    @Inject(ProductCatalog) private readonly catalog: ProductCatalog,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  @Get(':name')
  async image(
    @ZodParam('name', z.string().regex(/^[a-z0-9-]{1,120}\.svg$/, 'must be a lowercase name ending in .svg')) name: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const title = await this.catalog.publicTitle(placeholderSlugOf(name));
    const { maxAgeSeconds, staleWhileRevalidateSeconds } = this.config.productCache;
    // Cached like the product it names (not for a year): a renamed product's picture follows.
    return reply
      .header('cache-control', `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleWhileRevalidateSeconds}`)
      .type('image/svg+xml')
      .send(renderPlaceholderSvg(name.replace(/\.svg$/, ''), title ?? undefined));
  }
}
