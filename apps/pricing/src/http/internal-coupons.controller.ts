import { Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CheckCouponBody, CouponCode, CouponHoldBody, Id, type CouponCheck, type CouponHold } from '@shop/contracts';
import { RequireService, ZodBody, ZodParam } from '@shop/service-kit';
import { CouponService } from '../application/coupon-service.js';

/**
 * The checkout saga's coupon holds (payments only): hold one use, then consume or release it,
 * each idempotent by checkout id. The gateway routes nothing under /internal/.
 */
@Controller('internal/pricing')
export class InternalCouponsController {
  constructor(@Inject(CouponService) private readonly coupons: CouponService) {}

  /** 201 with a new hold; 200 with the existing one when this checkout already asked. */
  @Post('coupons/:code/holds')
  @RequireService('payments')
  async hold(
    @ZodParam('code', CouponCode) code: string,
    @ZodBody(CouponHoldBody) body: CouponHoldBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CouponHold> {
    const { hold, created } = await this.coupons.hold(code, body);
    void reply.status(created ? 201 : 200);
    return hold;
  }

  @Post('coupon-holds/:checkoutId/consume')
  @HttpCode(200)
  @RequireService('payments')
  consume(@ZodParam('checkoutId', Id) checkoutId: string): Promise<CouponHold> {
    return this.coupons.consume(checkoutId);
  }

  @Post('coupon-holds/:checkoutId/release')
  @HttpCode(200)
  @RequireService('payments')
  release(@ZodParam('checkoutId', Id) checkoutId: string): Promise<CouponHold> {
    return this.coupons.release(checkoutId);
  }

  /** The cart asks before it keeps a code (and checkout may too); holds nothing. */
  @Post('coupons/:code/check')
  @HttpCode(200)
  @RequireService('cart', 'payments')
  check(@ZodParam('code', CouponCode) code: string, @ZodBody(CheckCouponBody) body: CheckCouponBody): Promise<CouponCheck> {
    return this.coupons.check(code, body);
  }
}
