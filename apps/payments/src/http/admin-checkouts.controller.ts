import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { AdminListCheckoutsQuery, type CheckoutPage, type CheckoutView } from '@shop/contracts';
import { ZodParam, ZodQuery } from '@shop/service-kit';
import { z } from 'zod';
import { CheckoutService } from '../application/checkout-service.js';
import { CurrentCaller, type Caller } from '@shop/service-kit';

/**
 * The checkout dead-letter queue: `?state=dead` lists the sagas whose step exhausted its retries
 * (with each step's attempts and last error); retry runs the dead step again, cancel compensates
 * a checkout that has not reached the point of no return.
 */
@Controller('api/admin/checkouts')
export class AdminCheckoutsController {
  constructor(@Inject(CheckoutService) private readonly checkouts: CheckoutService) {}

  @Get()
  list(@CurrentCaller('admin') _caller: Caller, @ZodQuery(AdminListCheckoutsQuery) query: AdminListCheckoutsQuery): Promise<CheckoutPage> {
    return this.checkouts.list(query);
  }

  @Get(':id')
  get(@CurrentCaller('admin') _caller: Caller, @ZodParam('id', z.uuid()) id: string): Promise<CheckoutView> {
    return this.checkouts.view(id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentCaller('admin') _caller: Caller, @ZodParam('id', z.uuid()) id: string): Promise<CheckoutView> {
    return this.checkouts.retry(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentCaller('admin') _caller: Caller, @ZodParam('id', z.uuid()) id: string): Promise<CheckoutView> {
    return this.checkouts.cancel(id);
  }
}
