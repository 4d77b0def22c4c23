import { Controller, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import type { ReindexStatus } from '@shop/contracts';
import { RequireCaller } from '@shop/service-kit';
import { Reindexer } from '../application/reindexer.js';

/** The full reindex, for admins only (checked by the gateway and again here). */
@Controller('api/admin/search/reindex')
@RequireCaller('admin')
export class AdminReindexController {
  constructor(@Inject(Reindexer) private readonly reindexer: Reindexer) {}

  /** 202 with the run's first status; 409 while one runs. */
  @Post()
  @HttpCode(202)
  start(): ReindexStatus {
    return this.reindexer.start();
  }

  @Get()
  @Header('cache-control', 'no-store')
  status(): ReindexStatus {
    return this.reindexer.status();
  }
}
