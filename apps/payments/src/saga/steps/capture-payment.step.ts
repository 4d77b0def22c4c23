import { FailureCode } from '@shop/contracts';
import { ProviderRefusedError, type PaymentProvider } from '../../application/payment-provider.js';
import type { PaymentReader } from '../../application/payment-ledger.js';
import { failed, required, succeeded, type SagaStep } from '../saga-step.js';
import { authorizationKeyOf, paymentWrite } from './authorize-payment.step.js';

/** Capture the authorized amount, idempotency key `<checkout id>:capture`. After the pivot: retried, never undone. */
export function capturePaymentStep(deps: { provider: PaymentProvider; payments: PaymentReader }): SagaStep {
  const { provider } = deps;
  return {
    async invoke(checkout) {
      const amount = required(checkout.amount, 'amount');
      const currency = required(checkout.currency, 'currency');
      const paymentId = required(checkout.paymentId, 'payment');
      // Kept on the checkout by the authorization's write (one read fewer); the payment row says it otherwise.
      const chargeId = required(checkout.paymentRef ?? (await deps.payments.ofCheckout(checkout.id))?.providerRef, 'provider charge');
      try {
        const charge = await provider.capture({ idempotencyKey: `${checkout.id}:capture`, chargeId, amount });
        return succeeded({ payment: paymentWrite(paymentId, provider.name, authorizationKeyOf(checkout.id), charge, amount, currency) });
      } catch (err) {
        if (!(err instanceof ProviderRefusedError)) throw err;
        return failed(FailureCode.CAPTURE_REFUSED, `the provider refused the capture: ${err.code}`);
      }
    },
  };
}
