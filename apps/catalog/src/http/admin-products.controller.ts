import { Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { AdminListProductsQuery, CreateProductBody, Id, UpdateProductBody, type Product, type ProductPage } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { ProductCatalog } from '../application/product-catalog.js';

/** Merchant-side product management: admins only (the gateway checks it, and so does this service). */
@Controller('api/admin/products')
@RequireCaller('admin')
export class AdminProductsController {
  constructor(@Inject(ProductCatalog) private readonly catalog: ProductCatalog) {}

  @Get()
  list(@ZodQuery(AdminListProductsQuery) query: AdminListProductsQuery): Promise<ProductPage> {
    return this.catalog.adminList(query);
  }

  @Get(':id')
  get(@ZodParam('id', Id) id: string): Promise<Product> {
    return this.catalog.adminProduct(id);
  }

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreateProductBody) body: CreateProductBody): Promise<Product> {
    return this.catalog.create(body);
  }

  @Patch(':id')
  update(@ZodParam('id', Id) id: string, @ZodBody(UpdateProductBody) body: UpdateProductBody): Promise<Product> {
    return this.catalog.update(id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@ZodParam('id', Id) id: string): Promise<Product> {
    return this.catalog.archive(id);
  }
}
