import {
  ProviderTimeoutError,
  type AuthorizeRequest,
  type AuthorizeResult,
  type CaptureRequest,
  type PaymentProvider,
  type ProviderCharge,
  type RefundRequest,
  type VoidRequest,
} from '../application/payment-provider.js';

/**
 * The client side of any provider: each call gives up after `timeoutMs` with a
 * `ProviderTimeoutError` (outcome unknown). The call itself may still complete at the provider;
 * that is why every call carries an idempotency key and the saga retrieves or voids by it.
 */
export class TimeoutPaymentProvider implements PaymentProvider {
  readonly name: string;

  constructor(
    private readonly inner: PaymentProvider,
    private readonly timeoutMs: number,
  ) {
    this.name = inner.name;
  }

  cardFingerprint(token: string): string {
    return this.inner.cardFingerprint(token);
  }

  authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    return this.within('authorize', this.inner.authorize(request));
  }

  capture(request: CaptureRequest): Promise<ProviderCharge> {
    return this.within('capture', this.inner.capture(request));
  }

  void(request: VoidRequest): Promise<ProviderCharge> {
    return this.within('void', this.inner.void(request));
  }

  refund(request: RefundRequest): Promise<ProviderCharge> {
    return this.within('refund', this.inner.refund(request));
  }

  retrieve(authorizationKey: string): Promise<ProviderCharge | null> {
    return this.within('retrieve', this.inner.retrieve(authorizationKey));
  }

  private within<T>(operation: string, call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProviderTimeoutError(operation, this.timeoutMs)), this.timeoutMs);
    });
    // The late outcome is nobody's business any more, but must not become an unhandled rejection.
    call.catch(() => undefined);
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}
