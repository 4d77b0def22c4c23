import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateCategoryBody, type Category } from '@shop/contracts';
import { ZodBody, RequireCaller } from '@shop/service-kit';
import { ProductCatalog } from '../application/product-catalog.js';
import { CATALOG_CONFIG, type CatalogConfig } from '../config.js';
import { sendCacheable } from './cacheable-response.js';

@Controller('api/categories')
export class CategoriesController {
  constructor(
    @Inject(ProductCatalog) private readonly catalog: ProductCatalog,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  /** The whole category tree, roots first. */
  @Get()
  async tree(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const tree = await this.catalog.categoryTree();
    return sendCacheable(request, reply, JSON.stringify({ items: tree }), this.config.listCache);
  }
}

@Controller('api/admin/categories')
@RequireCaller('admin')
export class AdminCategoriesController {
  constructor(@Inject(ProductCatalog) private readonly catalog: ProductCatalog) {}

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreateCategoryBody) body: CreateCategoryBody): Promise<Category> {
    return this.catalog.createCategory(body);
  }
}
