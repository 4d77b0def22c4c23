import { Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { CouponCode, CreateCouponBody, ListCouponsQuery, UpdateCouponBody, type Coupon, type CouponPage } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { CouponService } from '../application/coupon-service.js';

/** The merchant's coupons; the gateway admits admins only, and so does this controller. */
@Controller('api/admin/coupons')
@RequireCaller('admin')
export class AdminCouponsController {
  constructor(@Inject(CouponService) private readonly coupons: CouponService) {}

  /** 201 with the coupon; 409 COUPON_CODE_TAKEN when the code exists. */
  @Post()
  @HttpCode(201)
  create(@ZodBody(CreateCouponBody) body: CreateCouponBody): Promise<Coupon> {
    return this.coupons.create(body);
  }

  /** Every coupon in code order, with its uses so far (used, held). */
  @Get()
  list(@ZodQuery(ListCouponsQuery) query: ListCouponsQuery): Promise<CouponPage> {
    return this.coupons.list(query);
  }

  @Get(':code')
  get(@ZodParam('code', CouponCode) code: string): Promise<Coupon> {
    return this.coupons.get(code);
  }

  @Patch(':code')
  update(@ZodParam('code', CouponCode) code: string, @ZodBody(UpdateCouponBody) body: UpdateCouponBody): Promise<Coupon> {
    return this.coupons.update(code, body);
  }
}
