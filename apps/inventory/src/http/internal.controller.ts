import { Controller, Get, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { failure, FailureCode, InternalHoldBody, InternalRestockBody, PartitionParam, ReservationId } from '@shop/contracts';
import { RequireService, ZodBody, ZodParam } from '@shop/service-kit';
import { failed } from '../application/failures.js';
import { InventoryService } from '../application/inventory-service.js';
import { HOLD_ACTIONS, HOP_HEADER, INTERNAL_PREFIX, InternalRoutes, type HoldAction } from '../inventory-routes.js';
import { sendAnswer } from './answer-reply.js';
import { callContextOf } from './request-caller.js';

/**
 * Service-to-service routes, not exposed by the gateway: checkout commits and releases
 * reservations; inventory instances hold, release and commit each other's partition items and
 * trigger expiry where a partition is served. The partition routes serve peers only: what they
 * ask is run here or refused (503), never sent on.
 */
@Controller(INTERNAL_PREFIX)
@RequireService('payments', 'inventory')
export class InternalInventoryController {
  constructor(@Inject(InventoryService) private readonly inventory: InventoryService) {}

  /** Checkout: a reservation's customer, status, items and expiry (a shopper's hold it is about to replace). */
  @Get(InternalRoutes.reservation)
  @RequireService('payments')
  async reservation(@ZodParam('id', ReservationId) id: string, @Res() reply: FastifyReply) {
    return sendAnswer(reply, await this.inventory.reservationDetail(id));
  }

  /** Checkout: the reserved units are sold (they leave the available stock for good). */
  @Post(InternalRoutes.commit)
  async commit(
    @ZodParam('id', ReservationId) id: string,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.commit(id, hop === '1', callContextOf(request.headers)));
  }

  /** Checkout's compensation: release (same as the public DELETE). */
  @Post(InternalRoutes.release)
  async release(
    @ZodParam('id', ReservationId) id: string,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.release(id, hop === '1', callContextOf(request.headers)));
  }

  @Post(InternalRoutes.holds)
  @RequireService('inventory')
  async hold(
    @ZodParam('partition', PartitionParam) partition: number,
    @ZodBody(InternalHoldBody) body: InternalHoldBody,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.holdHere(partition, { kind: 'hold', ...body }));
  }

  @Post(InternalRoutes.hold)
  @RequireService('inventory')
  async finish(
    @ZodParam('partition', PartitionParam) partition: number,
    @ZodParam('id', ReservationId) id: string,
    @Param('action') action: string,
    @Res() reply: FastifyReply,
  ) {
    if (!isHoldAction(action)) return sendAnswer(reply, failed(failure(FailureCode.NOT_FOUND, `unknown action ${action}`)));
    return sendAnswer(reply, await this.inventory.finishHere(partition, id, action));
  }

  /** A peer recorded a product status change for this partition's SKUs: reload them. */
  @Post(InternalRoutes.productStatus)
  @RequireService('inventory')
  async productStatus(@ZodParam('partition', PartitionParam) partition: number, @Res() reply: FastifyReply) {
    return sendAnswer(reply, await this.inventory.refreshProductStatus(partition, true));
  }

  /** A peer consumed an order's refund or cancel: put the sold units back in this partition (once per key). */
  @Post(InternalRoutes.restocks)
  @RequireService('inventory')
  async restock(
    @ZodParam('partition', PartitionParam) partition: number,
    @ZodBody(InternalRestockBody) body: InternalRestockBody,
    @Res() reply: FastifyReply,
  ) {
    return sendAnswer(reply, await this.inventory.restockHere(partition, body));
  }

  @Post(InternalRoutes.expire)
  @RequireService('inventory')
  @HttpCode(200)
  expire(@ZodParam('partition', PartitionParam) partition: number) {
    return this.inventory.expire(partition);
  }
}

function isHoldAction(action: string): action is HoldAction {
  return (HOLD_ACTIONS as readonly string[]).includes(action);
}
