import { Controller, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InternalHoldBody, PartitionParam, ReservationId } from '@shop/contracts';
import { RequireService, ZodBody, ZodParam } from '@shop/service-kit';
import { InventoryService } from '../application/inventory-service.js';
import { HOP_HEADER } from '../adapters/peer-client.js';
import { sendAnswer } from './answer-reply.js';
import { callContextOf } from './request-caller.js';

/**
 * Service-to-service routes, not exposed by the gateway: checkout commits and releases
 * reservations; inventory instances hold, release and commit each other's partition items and
 * trigger expiry where a partition is served.
 */
@Controller('internal/inventory')
@RequireService('payments', 'inventory')
export class InternalInventoryController {
  constructor(@Inject(InventoryService) private readonly inventory: InventoryService) {}

  /** Checkout: the reserved units are sold (they leave the available stock for good). */
  @Post('reservations/:id/commit')
  async commit(
    @ZodParam('id', ReservationId) id: string,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.commit(id, hop === '1', callContextOf(request.headers)));
  }

  /** Checkout's compensation: release (same as the public DELETE). */
  @Post('reservations/:id/release')
  async release(
    @ZodParam('id', ReservationId) id: string,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.release(id, hop === '1', callContextOf(request.headers)));
  }

  @Post('partitions/:partition/holds')
  @RequireService('inventory')
  async hold(
    @ZodParam('partition', PartitionParam) partition: number,
    @ZodBody(InternalHoldBody) body: InternalHoldBody,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.holdHere(partition, { kind: 'hold', ...body }));
  }

  @Post('partitions/:partition/holds/:id/:action')
  @RequireService('inventory')
  async finish(
    @ZodParam('partition', PartitionParam) partition: number,
    @ZodParam('id', ReservationId) id: string,
    @Param('action') action: string,
    @Res() reply: FastifyReply,
  ) {
    if (action !== 'release' && action !== 'expire' && action !== 'commit') {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `unknown action ${action}` } });
    }
    return sendAnswer(reply, await this.inventory.finishHere(partition, id, action));
  }

  /** A peer recorded a product status change for this partition's SKUs: reload them. */
  @Post('partitions/:partition/product-status')
  @RequireService('inventory')
  async productStatus(@ZodParam('partition', PartitionParam) partition: number, @Res() reply: FastifyReply) {
    return sendAnswer(reply, await this.inventory.refreshProductStatus(partition));
  }

  @Post('partitions/:partition/expire')
  @RequireService('inventory')
  @HttpCode(200)
  expire(@ZodParam('partition', PartitionParam) partition: number) {
    return this.inventory.expire(partition);
  }
}
