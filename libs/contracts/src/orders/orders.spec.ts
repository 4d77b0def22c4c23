import { describe, expect, it } from 'vitest';
import { AdminListOrdersQuery, CreateOrderBody, CustomerCancelOrderBody, customerCancelBlock, OrderRef, refundedOnCancel, TransitionOrderBody } from './orders.js';
import { CountryCode, DeliverableAddress, ShippingAddress } from './shipping-address.js';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

const address = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

describe('shipping address', () => {
  it('accepts a plain address, trims, upper-cases the country and drops blank optionals', () => {
    expect(ShippingAddress.parse({ ...address, name: '  Ada ', country: ' gb', line2: '' })).toEqual({ ...address, name: 'Ada' });
  });

  it('refuses a country that is not an ISO 3166-1 alpha-2 code', () => {
    for (const country of ['UK', 'XK', 'GBR', '']) expect(CountryCode.safeParse(country).success, country).toBe(false);
    for (const country of ['GB', 'DE', 'US', 'ZW', 'AX']) expect(CountryCode.safeParse(country).success, country).toBe(true);
  });

  it('names each bad field', () => {
    const bad = { ...address, line1: ' ', postalCode: '#1', phone: 'call me', extra: 1 };
    expect(issues(ShippingAddress.safeParse(bad))).toEqual([
      'line1: Too small: expected string to have >=1 characters',
      'postalCode: must be letters, digits, spaces and hyphens',
      'phone: must be a phone number such as +44 20 7946 0000',
      ': Unrecognized key: "extra"',
    ]);
  });

  it('takes a postal code at checkout only in its country\'s format, naming the field with an example', () => {
    const deliverable = (country: string, postalCode: string) => DeliverableAddress.safeParse({ ...address, country, postalCode });
    for (const [country, code] of [['GB', 'SW1Y 4JH'], ['GB', 'sw1y4jh'], ['GB', 'N1 9GU'], ['IE', 'D02 X285'], ['DE', '10115'], ['NL', '1012 AB'], ['PL', '00-950'], ['US', '10001-1234'], ['CA', 'K1A 0B1'], ['SE', '114 55'], ['JP', '100-0001']]) {
      expect(deliverable(country!, code!).success, `${country} ${code}`).toBe(true);
    }
    expect(issues(deliverable('GB', '1'))).toEqual(['postalCode: must be a postal code of GB, such as SW1A 1AA']);
    expect(issues(deliverable('DE', '1011'))).toEqual(['postalCode: must be a postal code of DE, such as 10115']);
    expect(issues(deliverable('IE', 'D1'))).toEqual(['postalCode: must be a postal code of IE, such as D02 X285']);
    // Addresses already stored (orders, their events) are read as they were written.
    expect(ShippingAddress.safeParse({ ...address, postalCode: '1' }).success).toBe(true);
  });
});

describe('order bodies', () => {
  const body = {
    checkoutId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    customerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    currency: 'EUR',
    lines: [{ sku: 'TEE-M', name: 'Tee', unitPrice: 2500, quantity: 2 }],
    shippingAddress: address,
  };

  it('accepts a minimal create body and refuses duplicate SKUs, floats and zero quantities', () => {
    expect(CreateOrderBody.safeParse(body).success).toBe(true);
    expect(issues(CreateOrderBody.safeParse({ ...body, lines: [body.lines[0], body.lines[0]] }))).toEqual(['lines: SKUs must be unique']);
    const line = { ...body.lines[0], unitPrice: 1.5, quantity: 0 };
    expect(issues(CreateOrderBody.safeParse({ ...body, lines: [line] }))).toEqual([
      'lines.0.unitPrice: must be an integer amount of minor units',
      'lines.0.quantity: Too small: expected number to be >=1',
    ]);
  });

  it('requires a reason to cancel or refund', () => {
    expect(issues(TransitionOrderBody.safeParse({ to: 'CANCELLED', actor: 'saga' }))).toEqual(['reason: is required to move an order to CANCELLED']);
    expect(issues(TransitionOrderBody.safeParse({ to: 'REFUNDED', actor: 'saga' }))).toEqual(['reason: is required to move an order to REFUNDED']);
    expect(TransitionOrderBody.safeParse({ to: 'CONFIRMED', actor: 'saga', from: 'AWAITING_PAYMENT' }).success).toBe(true);
  });

  it('names orders by id or number only', () => {
    expect(OrderRef.safeParse('SO-000123').success).toBe(true);
    expect(OrderRef.safeParse(body.checkoutId).success).toBe(true);
    expect(OrderRef.safeParse('SO-12').success).toBe(false);
  });

  it('checks the admin date window', () => {
    expect(AdminListOrdersQuery.parse({ from: '2026-01-01', to: '2026-02-01T00:00:00Z', limit: '5' })).toMatchObject({ limit: 5 });
    expect(issues(AdminListOrdersQuery.safeParse({ from: '2026-02-01', to: '2026-01-01' }))).toEqual(['to: must be after from']);
    expect(issues(AdminListOrdersQuery.safeParse({ from: 'yesterday' }))[0]).toMatch(/^from: must be an ISO-8601 date/);
    expect(issues(AdminListOrdersQuery.safeParse({ from: '2026-13-45' }))).toEqual(['from: is not a real date']);
  });

  it('reads an order number search as its sequence value, however the merchant types it', () => {
    expect(AdminListOrdersQuery.parse({ number: 'SO-000123' }).number).toBe(123);
    expect(AdminListOrdersQuery.parse({ number: ' so-42 ' }).number).toBe(42);
    expect(AdminListOrdersQuery.parse({ number: '7' }).number).toBe(7);
    expect(issues(AdminListOrdersQuery.safeParse({ number: 'SO-12a' }))).toEqual(['number: must be an order number such as SO-000123 or 123']);
    expect(issues(AdminListOrdersQuery.safeParse({ number: '0' }))).toEqual(['number: is not an order number that can exist']);
    expect(issues(AdminListOrdersQuery.safeParse({ number: '9999999999' }))).toEqual(['number: is not an order number that can exist']);
  });
});

describe('refundedOnCancel', () => {
  const change = (from: string | null, to: string) => ({ from, to, reason: null, actor: 'checkout', at: '2026-12-07T10:00:00.000Z' }) as never;
  it('is what was paid less earlier refunds, for a paid order that was cancelled', () => {
    const refunds = [{ amount: 500 }] as never;
    expect(refundedOnCancel({ status: 'CANCELLED', total: 2000, refunds, history: [change(null, 'PENDING'), change('PENDING', 'CONFIRMED'), change('CONFIRMED', 'CANCELLED')] })).toBe(1500);
  });
  it('is null for an order cancelled before it was paid, and for one not cancelled', () => {
    expect(refundedOnCancel({ status: 'CANCELLED', total: 2000, refunds: [], history: [change(null, 'PENDING'), change('PENDING', 'CANCELLED')] })).toBeNull();
    expect(refundedOnCancel({ status: 'CONFIRMED', total: 2000, refunds: [], history: [change('PENDING', 'CONFIRMED')] })).toBeNull();
  });
});

describe("a customer's own cancel", () => {
  const refund = { id: 'r1', amount: 100, lines: [], reason: 'damaged', actor: 'admin', at: '2026-01-01T00:00:00.000Z' };

  it('is open before the order ships and before anything is refunded, unless its checkout is completing the payment', () => {
    expect(customerCancelBlock({ status: 'PENDING', refunds: [] })).toBeNull();
    expect(customerCancelBlock({ status: 'AWAITING_PAYMENT', refunds: [], paymentClaimedAt: null })).toBeNull();
    expect(customerCancelBlock({ status: 'AWAITING_PAYMENT', refunds: [], paymentClaimedAt: '2026-01-01T00:00:00.000Z' })).toBe('PAYMENT_IN_PROGRESS');
    expect(customerCancelBlock({ status: 'CONFIRMED', refunds: [] })).toBeNull();
    expect(customerCancelBlock({ status: 'CONFIRMED', refunds: [refund] })).toBe('PARTLY_REFUNDED');
    expect(customerCancelBlock({ status: 'FULFILLED', refunds: [] })).toBe('SHIPPED');
    expect(customerCancelBlock({ status: 'FULFILLED', refunds: [refund] })).toBe('SHIPPED');
    expect(customerCancelBlock({ status: 'REFUNDED', refunds: [refund] })).toBe('REFUNDED');
    expect(customerCancelBlock({ status: 'CANCELLED', refunds: [] })).toBe('CANCELLED');
  });

  it('takes no body, or an optional reason and expectedVersion, and nothing else', () => {
    expect(CustomerCancelOrderBody.parse(undefined)).toBeUndefined();
    expect(CustomerCancelOrderBody.parse({})).toEqual({});
    expect(CustomerCancelOrderBody.parse({ reason: '  Ordered the wrong size ', expectedVersion: 3 })).toEqual({ reason: 'Ordered the wrong size', expectedVersion: 3 });
    expect(issues(CustomerCancelOrderBody.safeParse({ reason: '' }))).toEqual([expect.stringMatching(/^reason: /)]);
    expect(issues(CustomerCancelOrderBody.safeParse({ reason: 'x'.repeat(501) }))).toEqual([expect.stringMatching(/^reason: /)]);
    expect(issues(CustomerCancelOrderBody.safeParse({ expectedVersion: 0 }))).toEqual([expect.stringMatching(/^expectedVersion: /)]);
    expect(CustomerCancelOrderBody.safeParse({ actor: 'admin:x' }).success).toBe(false);
  });
});
