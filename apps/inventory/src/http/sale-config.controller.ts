import { Controller, Delete, Get, Headers, Inject, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SaleLimitBody, Sku } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam } from '@shop/service-kit';
import { InventoryService } from '../application/inventory-service.js';
import { ADMIN_PREFIX, AdminRoutes, HOP_HEADER } from '../inventory-routes.js';
import { sendAnswer } from './answer-reply.js';

/**
 * What a flash sale needs of the engine: the SKU's figures (a stock check when scheduling) and its
 * sale limit with the allocation. Admins, the pricing service (which owns flash sales and
 * configures them here with its own credential), or an inventory peer forwarding either's request
 * to the partition's owner.
 */
@Controller(ADMIN_PREFIX)
@RequireCaller('admin', { orService: ['inventory', 'pricing'] })
export class SaleConfigController {
  constructor(@Inject(InventoryService) private readonly inventory: InventoryService) {}

  /** The full figures of a SKU (the public sees only a level: GET /api/inventory/:sku). */
  @Get(AdminRoutes.stock)
  async level(@ZodParam('sku', Sku) sku: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.stockLevel(sku));
  }

  /**
   * A flash sale: at most `perCustomer` units per customer, and at most `units` in all, while the
   * window is open (what is held before it opens counts in it). Answers the limit with the
   * allocation's figures as the engine counts them.
   */
  @Put(AdminRoutes.saleLimit)
  async setSaleLimit(
    @ZodParam('sku', Sku) sku: string,
    @ZodBody(SaleLimitBody) body: SaleLimitBody,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.setSaleLimit(sku, body, hop === '1'));
  }

  /** A cancelled sale: the limit and its allocation go (404 when there is none). */
  @Delete(AdminRoutes.saleLimit)
  async clearSaleLimit(@ZodParam('sku', Sku) sku: string, @Headers(HOP_HEADER) hop: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.clearSaleLimit(sku, hop === '1'));
  }
}

/**
 * Reading a SKU's sale limit: also the checkout (payments), which refuses a guest a SKU that has one
 * before anything is held. Reads only: payments cannot set or clear a limit.
 */
@Controller(ADMIN_PREFIX)
@RequireCaller('admin', { orService: ['inventory', 'pricing', 'payments'] })
export class SaleLimitReadController {
  constructor(@Inject(InventoryService) private readonly inventory: InventoryService) {}

  /** The limit with live figures (unitsTaken, unitsRemaining) from the partition's actor; 404 when none. */
  @Get(AdminRoutes.saleLimit)
  async saleLimit(@ZodParam('sku', Sku) sku: string, @Headers(HOP_HEADER) hop: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.saleLimit(sku, hop === '1'));
  }
}
