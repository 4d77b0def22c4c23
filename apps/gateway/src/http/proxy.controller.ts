import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '@shop/service-kit';
import { routeFor } from '../routing/route-table.js';
import { UPSTREAMS, type Upstreams } from '../routing/upstreams.js';

/** The public API: every routed path is forwarded to the service that owns it. */
@Controller()
export class ProxyController {
  constructor(@Inject(UPSTREAMS) private readonly upstreams: Upstreams) {}

  @All(['api/products', 'api/products/*', 'api/categories', 'api/categories/*', 'media/*'])
  forward(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const route = routeFor(request.url.split('?')[0]);
    if (!route) throw notFound(`no route for ${request.url}`);
    return this.upstreams[route.upstream].forward(request, reply);
  }
}
