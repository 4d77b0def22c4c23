import type { PrismaClient } from '@shop/persistence';
import type { PaymentLedger } from '../application/payment-ledger.js';
import type { PaymentRecord, PaymentRowStatus } from '../domain/checkout.js';

/** `payments.payment`: written by the saga's transitions (checkout.repository.ts), read here. */
export class PaymentRepository implements PaymentLedger {
  constructor(private readonly prisma: PrismaClient) {}

  async ofCheckout(checkoutId: string): Promise<PaymentRecord | null> {
    const row = await this.prisma.payment.findUnique({ where: { checkoutId } });
    if (!row) return null;
    return {
      id: row.id,
      checkoutId: row.checkoutId,
      provider: row.provider,
      providerRef: row.providerRef,
      authorizationKey: row.authorizationKey,
      status: row.status as PaymentRowStatus,
      amount: row.amount,
      currency: row.currency,
      declineCode: row.declineCode,
    };
  }

  /** After a refund or void outside the saga (an order undone later). */
  async setStatus(checkoutId: string, status: PaymentRowStatus): Promise<void> {
    await this.prisma.payment.updateMany({ where: { checkoutId }, data: { status, updatedAt: new Date() } });
  }
}
