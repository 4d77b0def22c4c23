import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZodParam } from '@shop/service-kit';
import { renderPlaceholderSvg } from '../domain/placeholder-image.js';

/** Placeholder product images served locally, so the demo shop needs no network. */
@Controller('media/placeholder')
export class MediaController {
  @Get(':name')
  image(
    @ZodParam('name', z.string().regex(/^[a-z0-9-]{1,120}\.svg$/, 'must be a lowercase name ending in .svg')) name: string,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('image/svg+xml')
      .send(renderPlaceholderSvg(name.replace(/\.svg$/, '')));
  }
}
