import {
  ENDS_BEFORE_START,
  type CheckCouponBody,
  type Clock,
  type Coupon,
  type CouponCheck,
  type CouponHold,
  type CouponHoldBody,
  type CouponPage,
  type CouponRefusal,
  type CreateCouponBody,
  Failed,
  FailureCode,
  type ListCouponsQuery,
  type UpdateCouponBody,
} from '@shop/contracts';
import { conflict, notFound, validationFailed } from '@shop/service-kit';
import { COUPON_REFUSAL_TEXT, couponRefusal } from '../domain/coupon-rule.js';
import { closedOnCreation, holdExpiry, holdRefusal, isExhaustion } from '../domain/coupon-hold.js';
import type { CouponStore } from './coupon-store.js';

export interface CouponSettings {
  /** How long a hold lasts when the checkout names no TTL. */
  holdTtlSeconds: number;
}

const instant = (value: string | null | undefined): Date | null | undefined => (value === undefined ? undefined : value === null ? null : new Date(value));

/**
 * Coupons: the merchant's admin use cases, the cart's check, and the checkout saga's hold →
 * consume | release of one use, like stock.
 */
export class CouponService {
  constructor(
    private readonly store: CouponStore,
    private readonly clock: Clock,
    private readonly settings: CouponSettings,
  ) {}

  async create(body: CreateCouponBody): Promise<Coupon> {
    const closed = closedOnCreation(instant(body.endsAt) ?? null, this.clock.now());
    if (closed) throw validationFailed([{ field: 'endsAt', reason: closed }]);
    const created = await this.store.insert({
      code: body.code,
      discount: body.discount,
      usageLimit: body.usageLimit ?? null,
      perCustomerLimit: body.perCustomerLimit ?? null,
      startsAt: instant(body.startsAt) ?? null,
      endsAt: instant(body.endsAt) ?? null,
      at: this.clock.now(),
    });
    if (!created) throw conflict(FailureCode.COUPON_CODE_TAKEN, `a coupon with code ${body.code} already exists`, { field: 'code' });
    return created;
  }

  async get(code: string): Promise<Coupon> {
    const coupon = await this.store.find(code);
    if (!coupon) throw notFound(`no coupon has code ${code}`);
    return coupon;
  }

  list(query: ListCouponsQuery): Promise<CouponPage> {
    return this.store.list({ limit: query.limit, after: query.cursor });
  }

  /**
   * A PATCH. A new discount value (of the coupon's own kind and currency) applies to the quotes
   * made from then on; a checkout already holding a use is charged the quote it signed, and its
   * hold and consume count one use whatever the value (they never read it).
   */
  async update(code: string, body: UpdateCouponBody): Promise<Coupon> {
    const result = await this.store.change(code, {
      discount: body.discount,
      usageLimit: body.usageLimit,
      perCustomerLimit: body.perCustomerLimit,
      startsAt: instant(body.startsAt),
      endsAt: instant(body.endsAt),
      active: body.active,
      at: this.clock.now(),
    });
    switch (result.kind) {
      case 'changed':
        return result.coupon;
      case 'not_found':
        throw notFound(`no coupon has code ${code}`);
      case 'below_usage':
        throw conflict(FailureCode.CONFLICT, `usageLimit cannot go below the ${result.taken} uses already consumed or held; switch the coupon off with active: false instead`, {
          field: 'usageLimit',
          taken: result.taken,
        });
      case 'bad_window':
        throw validationFailed([{ field: 'endsAt', reason: ENDS_BEFORE_START }]);
      case 'bad_discount':
        throw validationFailed([result.issue]);
    }
  }

  /** Whether the code can go on a cart now; holds nothing. */
  async check(code: string, body: CheckCouponBody): Promise<CouponCheck> {
    const rule = await this.store.rule(code);
    const usesByCustomer = rule && body.customerId !== undefined && rule.perCustomerLimit !== null ? await this.store.usesBy(code, body.customerId) : 0;
    const refusal = couponRefusal(rule, this.clock.now(), { currency: body.currency, usesByCustomer });
    if (refusal || !rule) throw invalid(code, refusal ?? 'unknown');
    return { code: rule.code, discount: rule.discount, endsAt: rule.endsAt?.toISOString() ?? null };
  }

  /** One use for this checkout; `created` is false for a replay of the same checkout. */
  async hold(code: string, body: CouponHoldBody): Promise<{ hold: CouponHold; created: boolean }> {
    const at = this.clock.now();
    const result = await this.store.hold(
      { code, checkoutId: body.checkoutId, customerId: body.customerId, at, expiresAt: holdExpiry(at, body.ttlSeconds ?? this.settings.holdTtlSeconds) },
      (rule, uses) => holdRefusal(rule, at, uses),
    );
    switch (result.kind) {
      case 'created':
        return { hold: result.hold, created: true };
      case 'replay':
        return { hold: result.hold, created: false };
      case 'checkout_reused':
        throw conflict(FailureCode.CONFLICT, `checkout ${body.checkoutId} already holds coupon ${result.hold.code} for another code or customer`, {
          checkoutId: body.checkoutId,
        });
      case 'refused':
        throw isExhaustion(result.reason)
          ? conflict(FailureCode.COUPON_EXHAUSTED, COUPON_REFUSAL_TEXT[result.reason], { code, reason: result.reason })
          : invalid(code, result.reason);
    }
  }

  async consume(checkoutId: string): Promise<CouponHold> {
    const result = await this.store.consume(checkoutId, this.clock.now());
    if (result.kind === 'not_found') throw notFound(`checkout ${checkoutId} holds no coupon`);
    if (result.kind === 'released_before') {
      throw conflict(FailureCode.COUPON_HOLD_RELEASED, `the coupon hold of checkout ${checkoutId} was released (expired or cancelled) and cannot be consumed`, {
        checkoutId,
        code: result.hold.code,
      });
    }
    return result.hold;
  }

  async release(checkoutId: string): Promise<CouponHold> {
    const result = await this.store.release(checkoutId, this.clock.now());
    if (result.kind === 'not_found') throw notFound(`checkout ${checkoutId} holds no coupon`);
    return result.hold;
  }

  /**
   * Gives back the use a checkout consumed, its order having been cancelled: the customer may use
   * the coupon again (and a limited coupon has that use for someone). Once per checkout; a
   * checkout without a consumed coupon is left alone. True when a use came back.
   */
  async restoreUse(checkoutId: string): Promise<boolean> {
    return (await this.store.restore(checkoutId, this.clock.now())).kind === 'settled';
  }

  /** Gives back the uses of holds whose checkout never settled them. */
  releaseExpired(batch = 500): Promise<number> {
    return this.store.releaseExpired(this.clock.now(), batch);
  }
}

function invalid(code: string, reason: CouponRefusal): Failed {
  return Failed.of(FailureCode.COUPON_INVALID, `coupon ${code}: ${COUPON_REFUSAL_TEXT[reason]}`, { code, reason });
}
