/**
 * The port every payment service provider (PSP) adapter implements, shaped like a real PSP's API
 * (Stripe's PaymentIntents, Adyen's modifications): authorize a card, then capture, void or refund
 * that charge. Every call carries an idempotency key: the same key never moves money twice, and
 * answers what the first call did. `retrieve` finds a charge by its authorization key — how the
 * saga learns the outcome of an authorization whose answer it never got.
 */
export interface PaymentProvider {
  readonly name: string;
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(request: CaptureRequest): Promise<ProviderCharge>;
  /**
   * Cancels an authorization, found by the key it was authorized with. Voiding a key the provider
   * never saw records the void, so a late authorization with that key is refused: the saga can
   * always undo an authorization whose answer it lost.
   */
  void(request: VoidRequest): Promise<ProviderCharge>;
  refund(request: RefundRequest): Promise<ProviderCharge>;
  retrieve(authorizationKey: string): Promise<ProviderCharge | null>;
  /**
   * The fingerprint of the card behind a token: the same card, the same fingerprint, whichever
   * account pays with it (a per-customer sale limit also counts it).
   */
  cardFingerprint(token: string): string;
}

export type ProviderChargeStatus = 'pending' | 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded';

export interface ProviderCharge {
  /** The provider's id of the charge ("ch_..."). */
  id: string;
  status: ProviderChargeStatus;
  amount: number;
  currency: string;
  capturedAmount: number;
  refundedAmount: number;
  declineCode: string | null;
}

export interface AuthorizeRequest {
  idempotencyKey: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** The provider's card token (never card data). */
  token: string;
  /** The merchant's reference (the checkout id), shown in the provider's dashboard. */
  reference: string;
}

export type AuthorizeResult =
  | { outcome: 'authorized'; charge: ProviderCharge }
  | { outcome: 'declined'; charge: ProviderCharge; declineCode: string }
  /** The key was voided before this authorization arrived: no money moved. */
  | { outcome: 'voided'; charge: ProviderCharge };

export interface CaptureRequest {
  idempotencyKey: string;
  chargeId: string;
  amount: number;
}

export interface VoidRequest {
  idempotencyKey: string;
  authorizationKey: string;
  /** For the record the provider keeps of a void of an unknown key. */
  amount: number;
  currency: string;
}

export interface RefundRequest {
  idempotencyKey: string;
  chargeId: string;
  amount: number;
}

/** The call's outcome is unknown (no answer in time): retry with the same key, or retrieve. */
export class ProviderTimeoutError extends Error {
  constructor(operation: string, timeoutMs: number) {
    super(`the payment provider did not answer ${operation} within ${timeoutMs} ms`);
    this.name = 'ProviderTimeoutError';
  }
}

/** The provider could not process the call (its 5xx, a refused connection): nothing happened; retry. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderUnavailableError';
  }
}

/** The provider refused the operation for good (capturing a voided charge, refunding more than captured). */
export class ProviderRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRefusedError';
  }
}
