/**
 * Who asks the inventory service for something, as far as holds and releases care: a customer
 * (bounded, owns what they reserve), an admin (may release any reservation), or a trusted service
 * such as the checkout saga (its own TTLs and quantities, on the customer's behalf).
 */
export type InventoryCaller =
  | { kind: 'customer'; customerId: string }
  | { kind: 'admin'; userId: string }
  | { kind: 'service'; name: string };

/** A request's caller, and the headers that prove it again to the instance a request is forwarded to. */
export interface CallContext {
  caller: InventoryCaller;
  forwardHeaders: Record<string, string>;
}
