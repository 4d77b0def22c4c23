import { FailureCode } from '@shop/contracts';
import { randomUUID } from 'node:crypto';
import {
  ProviderRefusedError,
  type AuthorizeResult,
  type PaymentProvider,
  type ProviderCharge,
} from '../../application/payment-provider.js';
import type { PaymentWrite } from '../../adapters/checkout.repository.js';
import { compensated, failed, required, succeeded, type SagaStep } from '../saga-step.js';

export const authorizationKeyOf = (checkoutId: string) => `${checkoutId}:authorize`;

/**
 * Authorize the order's total on the customer's card, with idempotency key
 * `<checkout id>:authorize`. A retry after an attempt whose answer was lost (a timeout) first asks
 * the provider for the charge under that key, and only authorizes again if there is none. Undone
 * by voiding by that key — which also works when the provider never answered, and refunds
 * instead if the charge was captured.
 */
export function authorizePaymentStep(deps: { provider: PaymentProvider }): SagaStep {
  const { provider } = deps;
  return {
    async invoke(checkout) {
      const amount = required(checkout.amount, 'amount');
      const currency = required(checkout.currency, 'currency');
      const key = authorizationKeyOf(checkout.id);
      const paymentId = checkout.paymentId ?? randomUUID();
      const write = (charge: ProviderCharge): PaymentWrite => paymentWrite(paymentId, provider.name, key, charge, amount, currency);

      let result: AuthorizeResult | undefined;
      if (checkout.stepAttempts > 1) {
        const known = await provider.retrieve(key);
        if (known && known.status !== 'pending') result = resultOf(known);
      }
      try {
        result ??= await provider.authorize({ idempotencyKey: key, amount, currency, token: checkout.paymentToken, reference: checkout.id });
      } catch (err) {
        if (!(err instanceof ProviderRefusedError)) throw err; // timeouts and 503s are retried
        return failed(FailureCode.PAYMENT_FAILED, `the provider refused the authorization: ${err.code}`, 'unknown', { patch: { paymentId } });
      }
      const facts = { patch: { paymentId }, payment: write(result.charge) };
      switch (result.outcome) {
        case 'authorized':
          return succeeded(facts);
        case 'declined':
          return failed(FailureCode.PAYMENT_DECLINED, `the card was declined (${result.declineCode})`, 'none', facts);
        case 'voided':
          return failed(FailureCode.PAYMENT_FAILED, 'the authorization was voided before it completed', 'none', facts);
      }
    },

    async compensate(checkout) {
      const amount = required(checkout.amount, 'amount');
      const currency = required(checkout.currency, 'currency');
      const key = authorizationKeyOf(checkout.id);
      const paymentId = checkout.paymentId ?? randomUUID();
      let charge: ProviderCharge;
      try {
        charge = await provider.void({ idempotencyKey: `${checkout.id}:void`, authorizationKey: key, amount, currency });
      } catch (err) {
        if (!(err instanceof ProviderRefusedError) || err.code !== 'charge_captured') throw err;
        const captured = required(await provider.retrieve(key), 'charge');
        charge = await provider.refund({ idempotencyKey: `${checkout.id}:refund`, chargeId: captured.id, amount: captured.capturedAmount });
      }
      return compensated({ patch: { paymentId }, payment: paymentWrite(paymentId, provider.name, key, charge, amount, currency) });
    },
  };
}

function resultOf(charge: ProviderCharge): AuthorizeResult {
  if (charge.status === 'declined') return { outcome: 'declined', charge, declineCode: charge.declineCode ?? 'card_declined' };
  if (charge.status === 'voided') return { outcome: 'voided', charge };
  return { outcome: 'authorized', charge };
}

export function paymentWrite(
  id: string,
  provider: string,
  authorizationKey: string,
  charge: ProviderCharge,
  amount: number,
  currency: string,
): PaymentWrite {
  return { id, provider, providerRef: charge.id, authorizationKey, status: charge.status, amount, currency, declineCode: charge.declineCode };
}
