import { expect, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { serviceHeaders } from '@shop/testing';

/**
 * The journeys that need orders in a given state play the checkout saga's part through the orders
 * service's internal API, on the payments service's credential (this run's key, from the global
 * setup), so the pages are checked whatever the state of the payments service.
 */

export interface SeededLine {
  sku: string;
  name: string;
  quantity: number;
}

/** An order of `line` for `customerId` (null: a guest's, with `email`), as the saga's create step makes it (PENDING). */
export async function seedOrder(request: APIRequestContext, ordersURL: string, customerId: string | null, line: SeededLine, options: { email?: string } = {}): Promise<{ id: string; number: string }> {
  const response = await request.post(`${ordersURL}/internal/orders`, {
    headers: serviceHeaders('payments'),
    data: {
      checkoutId: randomUUID(),
      customerId,
      ...(options.email ? { email: options.email } : {}),
      currency: 'EUR',
      lines: [{ ...line, unitPrice: 3699 }],
      shippingAddress: { name: 'Ada Lovelace', line1: '1 Grand Canal Quay', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' },
      shipping: 499,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; number: string };
}

/** Moves an order on as the saga would (`to`: AWAITING_PAYMENT, CONFIRMED, CANCELLED with a reason). */
export async function transitionOrder(request: APIRequestContext, ordersURL: string, id: string, to: string, reason?: string): Promise<void> {
  const response = await request.post(`${ordersURL}/internal/orders/${id}/transitions`, {
    headers: serviceHeaders('payments'),
    data: { to, reason, actor: 'checkout' },
  });
  expect(response.ok()).toBe(true);
}
