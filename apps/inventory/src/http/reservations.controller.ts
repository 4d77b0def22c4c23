import { Controller, Delete, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReservationId } from '@shop/contracts';
import { ZodParam } from '@shop/service-kit';
import { InventoryService } from '../application/inventory-service.js';
import { HOP_HEADER, PUBLIC_PREFIX, PublicRoutes } from '../inventory-routes.js';
import { sendAnswer } from './answer-reply.js';
import { callContextOf } from './request-caller.js';

/** Public reservation routes other than the hot POST (see hot-routes.ts). */
@Controller(PUBLIC_PREFIX)
export class ReservationsController {
  constructor(@Inject(InventoryService) private readonly inventory: InventoryService) {}

  /** A reservation's status, items and expiry, for its owner (a sale page asks whether its hold still stands). Someone else's: 404. */
  @Get(PublicRoutes.reservation)
  async reservation(@ZodParam('id', ReservationId) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.reservationView(id, callContextOf(request.headers)));
  }

  /** Release: the stock returns. Idempotent: releasing again answers the same. Someone else's reservation: 404. */
  @Delete(PublicRoutes.reservation)
  async release(
    @ZodParam('id', ReservationId) id: string,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.release(id, hop === '1', callContextOf(request.headers)));
  }
}
