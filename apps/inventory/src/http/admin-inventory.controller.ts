import { Controller, Get, Headers, Inject, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AdjustStockBody, AdminStockListQuery, SetStockBody, Sku, type AdminStockPage, type StockLedgerEntry } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { InventoryService } from '../application/inventory-service.js';
import { ADMIN_PREFIX, AdminRoutes, HOP_HEADER } from '../inventory-routes.js';
import { PartitionStore } from '../adapters/partition-store.js';
import { sendAnswer } from './answer-reply.js';

/**
 * Merchant-side stock management: admins only (checked by the gateway and again here), or an
 * inventory peer forwarding an admin's request to the partition's owner. (Reading a SKU's figures
 * and its sale limit is also the pricing service's: sale-config.controller.ts.)
 */
@Controller(ADMIN_PREFIX)
@RequireCaller('admin', { orService: ['inventory'] })
export class AdminInventoryController {
  constructor(
    @Inject(InventoryService) private readonly inventory: InventoryService,
    @Inject(PartitionStore) private readonly store: PartitionStore,
  ) {}

  /** Every SKU's stock, a page at a time in SKU order, filtered by part of the SKU and by level. */
  @Get()
  list(@ZodQuery(AdminStockListQuery) query: AdminStockListQuery): Promise<AdminStockPage> {
    return this.inventory.stockPage(query);
  }

  /** Sets the on-hand count (creating the SKU's stock record); refused below reserved + committed. */
  @Put(AdminRoutes.stock)
  async set(
    @ZodParam('sku', Sku) sku: string,
    @ZodBody(SetStockBody) body: SetStockBody,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.setStock(sku, body, hop === '1'));
  }

  /** A relative change with its reason (delivery, damage, recount). */
  @Post(AdminRoutes.adjustments)
  async adjust(
    @ZodParam('sku', Sku) sku: string,
    @ZodBody(AdjustStockBody) body: AdjustStockBody,
    @Headers(HOP_HEADER) hop: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendAnswer(reply, await this.inventory.adjustStock(sku, body, hop === '1'));
  }

  /** The last 100 on-hand changes, newest first. */
  @Get(AdminRoutes.ledger)
  ledger(@ZodParam('sku', Sku) sku: string): Promise<StockLedgerEntry[]> {
    return this.store.ledger(sku, 100);
  }
}
