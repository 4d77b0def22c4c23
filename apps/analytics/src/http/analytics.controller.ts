import { PassThrough } from 'node:stream';
import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AnalyticsStreamQuery, DashboardQuery, type DashboardSnapshot, type SaleLiveView } from '@shop/contracts';
import { RequireCaller, ZodParam, ZodQuery } from '@shop/service-kit';
import { z } from 'zod';
import { DashboardService } from '../application/dashboard-service.js';
import { LiveFeed } from '../application/live-feed.js';
import { sseStream } from './sse-stream.js';

const SaleId = z.uuid();

/** The live dashboard's figures, for admins only (checked by the gateway and again here). */
@Controller('api/admin/analytics')
@RequireCaller('admin')
export class AnalyticsController {
  constructor(
    @Inject(DashboardService) private readonly dashboards: DashboardService,
    @Inject(LiveFeed) private readonly feed: LiveFeed,
  ) {}

  @Get('dashboard')
  @Header('cache-control', 'no-store')
  dashboard(@ZodQuery(DashboardQuery) query: DashboardQuery): Promise<DashboardSnapshot> {
    return this.dashboards.snapshot(query.window);
  }

  @Get('sales/:id')
  @Header('cache-control', 'no-store')
  sale(@ZodParam('id', SaleId) id: string): Promise<SaleLiveView> {
    return this.dashboards.sale(id);
  }

  /**
   * Server-sent events: `snapshot` (DashboardSnapshot) at once and about every second, `sale`
   * (SaleLiveView) alongside when `?sale=` names one, `unavailable` while Redis is away, and
   * comment heartbeats. It ends when the client goes or the service shuts down.
   */
  @Get('stream')
  stream(@ZodQuery(AnalyticsStreamQuery) query: AnalyticsStreamQuery, @Res() reply: FastifyReply): FastifyReply {
    const body = new PassThrough();
    const unsubscribe = this.feed.subscribe(query.window, query.sale, sseStream(body));
    body.on('close', unsubscribe);
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // Tells buffering proxies (nginx) to pass each event on at once.
      .header('x-accel-buffering', 'no')
      // The connection is the stream's alone: closed with it, never back in a keep-alive pool.
      .header('connection', 'close')
      .send(body);
  }
}
