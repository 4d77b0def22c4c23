import { PaymentRefundedV1, PaymentVoidedV1 } from '@shop/contracts';
import { appendToOutbox, createEvent } from '@shop/messaging';
import { pgPoolOf, queryNamed, withTransaction, type PgPool, type PrismaClient } from '@shop/persistence';
import type { PaymentLedger, PaymentOrderRef, RefundRecord } from '../application/payment-ledger.js';
import type { PaymentRecord, PaymentRowStatus } from '../domain/checkout.js';

export const PAYMENTS_SOURCE = 'payments';

const OF_CHECKOUT_SQL = `
  SELECT id, checkout_id, provider, provider_ref, authorization_key, status::text AS status, amount, refunded_amount, currency, decline_code
  FROM payments.payment WHERE checkout_id = $1::uuid`;

interface PaymentRow {
  id: string;
  checkout_id: string;
  provider: string;
  provider_ref: string | null;
  authorization_key: string;
  status: PaymentRowStatus;
  amount: number;
  refunded_amount: number;
  currency: string;
  decline_code: string | null;
}

/** `payments.payment`: written by the saga's transitions (checkout.repository.ts), read and moved on here. */
export class PaymentRepository implements PaymentLedger {
  private readonly pool: PgPool;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { notifyOutbox: boolean } = { notifyOutbox: false },
  ) {
    this.pool = pgPoolOf(prisma);
  }

  /** Read by every capture: a named statement straight through `pg` (see CheckoutRepository). */
  async ofCheckout(checkoutId: string): Promise<PaymentRecord | null> {
    const [row] = await queryNamed<PaymentRow>(this.pool, 'payments_payment_of_checkout', OF_CHECKOUT_SQL, [checkoutId]);
    if (!row) return null;
    return {
      id: row.id,
      checkoutId: row.checkout_id,
      provider: row.provider,
      providerRef: row.provider_ref,
      authorizationKey: row.authorization_key,
      status: row.status,
      amount: row.amount,
      refundedAmount: row.refunded_amount,
      currency: row.currency,
      declineCode: row.decline_code,
    };
  }

  /**
   * The refund's key row, the payment's new figures and `payments.payment.refunded.v1` commit
   * together; a key already recorded changes nothing. Event version: 2 + the payment's refunds
   * so far (1 authorized, 2 captured).
   */
  async recordRefund(refund: RefundRecord): Promise<boolean> {
    return withTransaction(this.prisma, async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO payments.payment_refund (key, payment_id, refund_id, amount, created_at)
        VALUES (${refund.key}, ${refund.payment.id}::uuid, ${refund.refundId}::uuid, ${refund.amount}, now())
        ON CONFLICT (key) DO NOTHING`;
      if (inserted === 0) return false;
      const rows = await tx.$queryRaw<{ amount: number; refunded_amount: number; currency: string; refunds: number }[]>`
        UPDATE payments.payment SET refunded_amount = refunded_amount + ${refund.amount},
          status = CASE WHEN refunded_amount + ${refund.amount} >= amount THEN 'refunded'::payments."PaymentStatus" ELSE status END,
          updated_at = now()
        WHERE id = ${refund.payment.id}::uuid
        RETURNING amount, refunded_amount, currency,
          (SELECT count(*)::int FROM payments.payment_refund r WHERE r.payment_id = payment.id) AS refunds`;
      const row = rows[0]!;
      const event = createEvent(PaymentRefundedV1, {
        aggregateId: refund.payment.id,
        // The count includes this refund (inserted earlier in the transaction).
        version: 2 + row.refunds,
        source: PAYMENTS_SOURCE,
        payload: {
          ...head(refund.payment, refund.order),
          amount: { amount: refund.amount, currency: row.currency },
          refundId: refund.refundId,
          reason: refund.reason,
          lines: refund.lines,
          refundedTotal: { amount: row.refunded_amount, currency: row.currency },
          final: row.refunded_amount >= row.amount,
        },
      });
      await appendToOutbox(tx, event, PAYMENTS_SOURCE, { notify: this.options.notifyOutbox });
      return true;
    });
  }

  async recordVoid(payment: PaymentRecord, order: PaymentOrderRef, reason: string | null): Promise<boolean> {
    return withTransaction(this.prisma, async (tx) => {
      const changed = await tx.$executeRaw`
        UPDATE payments.payment SET status = 'voided', updated_at = now() WHERE id = ${payment.id}::uuid AND status <> 'voided'`;
      if (changed === 0) return false;
      const event = createEvent(PaymentVoidedV1, {
        aggregateId: payment.id,
        version: 2,
        source: PAYMENTS_SOURCE,
        payload: { ...head(payment, order), amount: { amount: payment.amount, currency: payment.currency }, reason },
      });
      await appendToOutbox(tx, event, PAYMENTS_SOURCE, { notify: this.options.notifyOutbox });
      return true;
    });
  }
}

function head(payment: PaymentRecord, order: PaymentOrderRef) {
  return { paymentId: payment.id, checkoutId: payment.checkoutId, orderId: order.id, orderNumber: order.number, provider: payment.provider };
}
