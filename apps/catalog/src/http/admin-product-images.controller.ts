import { Controller, Delete, HttpCode, Inject, Patch, Post, Req } from '@nestjs/common';
import { ArrangeImagesBody, Id, type Product } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam } from '@shop/service-kit';
import type { FastifyRequest } from 'fastify';
import { ProductImages } from '../application/product-images.js';
import { CATALOG_CONFIG, type CatalogConfig } from '../config.js';
import { readImageUpload } from './image-upload-reader.js';

/**
 * A product's images, for admins (the gateway checks the role, and so does this service):
 * upload one file per request (multipart/form-data, field `file`, optional `alt` before it),
 * remove one, or set their order and alt texts. Each answers the product as it is now.
 */
@Controller('api/admin/products/:id/images')
@RequireCaller('admin')
export class AdminProductImagesController {
  constructor(
    @Inject(ProductImages) private readonly images: ProductImages,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  @Post()
  @HttpCode(201)
  async upload(@ZodParam('id', Id) id: string, @Req() request: FastifyRequest): Promise<Product> {
    return this.images.upload(id, await readImageUpload(request, this.config.images.maxBytes));
  }

  @Patch()
  arrange(@ZodParam('id', Id) id: string, @ZodBody(ArrangeImagesBody) body: ArrangeImagesBody): Promise<Product> {
    return this.images.arrange(id, body);
  }

  @Delete(':imageId')
  remove(@ZodParam('id', Id) id: string, @ZodParam('imageId', Id) imageId: string): Promise<Product> {
    return this.images.remove(id, imageId);
  }
}
