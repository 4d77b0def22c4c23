import { describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../../application/payment-provider.js';
import type { PaymentReader } from '../../application/payment-ledger.js';
import type { CheckoutRecord, PaymentRecord } from '../../domain/checkout.js';
import { capturePaymentStep } from './capture-payment.step.js';

const checkout = (over: Partial<CheckoutRecord>) =>
  ({ id: '00000000-0000-4000-8000-000000000001', amount: 4200, currency: 'EUR', paymentId: 'p1', paymentRef: null, ...over }) as CheckoutRecord;

function deps(row: Partial<PaymentRecord> | null) {
  const captured: string[] = [];
  let reads = 0;
  const provider = {
    name: 'simulated',
    capture: async (request: { chargeId: string }) => {
      captured.push(request.chargeId);
      return { id: request.chargeId, status: 'captured' };
    },
  } as unknown as PaymentProvider;
  const payments: PaymentReader = {
    ofCheckout: async () => {
      reads++;
      return row as PaymentRecord | null;
    },
  } as PaymentReader;
  return { step: capturePaymentStep({ provider, payments }), captured, reads: () => reads };
}

describe('capture_payment', () => {
  it('captures the charge the checkout keeps, without reading the payment row', async () => {
    const d = deps(null);
    const outcome = await d.step.invoke(checkout({ paymentRef: 'ch_kept' }));
    expect(outcome.kind).toBe('succeeded');
    expect(d.captured).toEqual(['ch_kept']);
    expect(d.reads()).toBe(0);
  });

  it('reads the payment row when the checkout keeps no reference', async () => {
    const d = deps({ providerRef: 'ch_from_row' });
    await d.step.invoke(checkout({ paymentRef: null }));
    expect(d.captured).toEqual(['ch_from_row']);
    expect(d.reads()).toBe(1);
  });

  it('throws (the step is retried) when neither says which charge', async () => {
    const d = deps({ providerRef: null });
    await expect(d.step.invoke(checkout({ paymentRef: null }))).rejects.toThrow('provider charge');
    expect(d.captured).toEqual([]);
  });
});
