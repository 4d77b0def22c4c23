import { Controller, Get, Inject, Res } from '@nestjs/common';
import { FailureCode, Failed } from '@shop/contracts';
import { ZodParam } from '@shop/service-kit';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ProductImages } from '../application/product-images.js';
import { UPLOAD_KEY } from '../domain/product-images.js';

/**
 * Uploaded product images, public like the products that show them. A key names one file
 * forever (a new upload gets a new key), so it may be cached for a year.
 */
@Controller('media/uploads')
export class UploadedMediaController {
  constructor(@Inject(ProductImages) private readonly images: ProductImages) {}

  @Get(':key')
  async image(
    // A key is an image id and an extension: nothing else reaches the store (no path can be named).
    @ZodParam('key', z.string().regex(UPLOAD_KEY, 'must be an image key such as <uuid>.jpg')) key: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const file = await this.images.read(key);
    if (!file) throw Failed.of(FailureCode.NOT_FOUND, `image ${key} not found`);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-length', file.size)
      .header('x-content-type-options', 'nosniff')
      .type(file.type)
      .send(file.body);
  }
}
