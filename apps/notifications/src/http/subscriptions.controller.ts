import { Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  BackInStockBody,
  FlashSaleReminderBody,
  Sku,
  type BackInStockSubscription,
  type FlashSaleReminder,
  type MySubscriptions,
} from '@shop/contracts';
import { CurrentCaller, type Caller, ZodBody, ZodParam } from '@shop/service-kit';
import { z } from 'zod';
import { Subscriptions } from '../application/subscriptions.js';

const FlashSaleId = z.uuid('must be a flash sale id (UUID)');

/** A signed-in shopper's own reminders and back-in-stock requests (never anyone else's: keyed by the caller). */
@Controller('api/notifications')
export class SubscriptionsController {
  constructor(@Inject(Subscriptions) private readonly subscriptions: Subscriptions) {}

  @Get('subscriptions')
  mine(@CurrentCaller('signed-in') caller: Caller): Promise<MySubscriptions> {
    return this.subscriptions.mine(caller.userId);
  }

  /** Remind me when this sale is live; asking twice is the same as once; 404 for an unknown sale. */
  @Post('flash-sale-reminders')
  @HttpCode(200)
  remind(@CurrentCaller('signed-in') caller: Caller, @ZodBody(FlashSaleReminderBody) body: FlashSaleReminderBody): Promise<FlashSaleReminder> {
    return this.subscriptions.remindOfSale(caller.userId, body.flashSaleId);
  }

  @Delete('flash-sale-reminders/:flashSaleId')
  @HttpCode(204)
  async forget(@CurrentCaller('signed-in') caller: Caller, @ZodParam('flashSaleId', FlashSaleId) flashSaleId: string): Promise<void> {
    await this.subscriptions.forgetSaleReminder(caller.userId, flashSaleId);
  }

  /** Tell me when this SKU is back in stock (once; then the request is used up); 404 for a SKU not on sale, 503 while the catalog cannot say. */
  @Post('back-in-stock')
  @HttpCode(200)
  watch(@CurrentCaller('signed-in') caller: Caller, @ZodBody(BackInStockBody) body: BackInStockBody): Promise<BackInStockSubscription> {
    return this.subscriptions.watchSku(caller.userId, body.sku);
  }

  @Delete('back-in-stock/:sku')
  @HttpCode(204)
  async unwatch(@CurrentCaller('signed-in') caller: Caller, @ZodParam('sku', Sku) sku: string): Promise<void> {
    await this.subscriptions.unwatchSku(caller.userId, sku);
  }
}
