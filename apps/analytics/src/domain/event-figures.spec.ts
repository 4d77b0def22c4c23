import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shop/contracts';
import { figureChangesOf } from './event-figures.js';

const AT = '2026-12-05T12:00:30.000Z';
const at = Date.parse(AT);
const event = (eventType: string, payload: unknown): EventEnvelope => ({
  eventId: '7f7c1f2e-8d2b-4b36-9d38-1c1f4b0e5a01',
  eventType,
  occurredAt: AT,
  aggregateId: 'x',
  version: 1,
  payload,
  metadata: { source: 'test' },
});
const order = { currency: 'EUR', total: 4250 };
const sale = { flashSaleId: 'b1f3d6a2-5a55-4b4e-9d0a-0f6a3c2e1d10', sku: 'TEE-M', salePrice: { amount: 1000, currency: 'EUR' }, units: 20, perCustomerLimit: 2, startsAt: AT, endsAt: '2026-12-05T13:00:00.000Z' };

describe('figure changes of an event', () => {
  it('counts a created order', () => {
    expect(figureChangesOf(event('orders.order.created.v1', { order }))).toEqual([{ kind: 'count', figure: 'orders.created', at, by: 1 }]);
  });

  it('counts a confirmed order as paid, with its total as revenue in its currency', () => {
    expect(figureChangesOf(event('orders.order.status-changed.v1', { from: 'PENDING', to: 'CONFIRMED', reason: null, actor: 'checkout', order }))).toEqual([
      { kind: 'count', figure: 'orders.paid', at, by: 1 },
      { kind: 'count', figure: 'revenue:EUR', at, by: 4250 },
    ]);
  });

  it('counts an order the checkout saga cancelled as a saga failure by its reason, not one an admin cancelled', () => {
    expect(figureChangesOf(event('orders.order.status-changed.v1', { from: 'PENDING', to: 'CANCELLED', reason: 'PAYMENT_DECLINED', actor: 'checkout', order }))).toEqual([
      { kind: 'count', figure: 'sagas.failed:PAYMENT_DECLINED', at, by: 1 },
    ]);
    expect(figureChangesOf(event('orders.order.status-changed.v1', { from: 'AWAITING_PAYMENT', to: 'CANCELLED', reason: 'customer asked', actor: 'admin:1', order }))).toEqual([]);
    expect(figureChangesOf(event('orders.order.status-changed.v1', { from: 'CONFIRMED', to: 'FULFILLED', reason: null, actor: 'admin:1', order }))).toEqual([]);
  });

  it('counts what went back: each refund, and the rest of a paid order the shop cancelled', () => {
    expect(figureChangesOf(event('orders.order.refunded.v1', { refund: { amount: 1250 }, final: false, order }))).toEqual([{ kind: 'count', figure: 'refunded:EUR', at, by: 1250 }]);
    const afterRefund = { ...order, refunds: [{ amount: 1250 }] };
    expect(figureChangesOf(event('orders.order.status-changed.v1', { from: 'CONFIRMED', to: 'CANCELLED', reason: 'customer asked', actor: 'admin:1', order: afterRefund }))).toEqual([
      { kind: 'count', figure: 'refunded:EUR', at, by: 3000 },
    ]);
  });

  it('counts a reservation per second and opens a hold per SKU for its customer', () => {
    const changes = figureChangesOf(
      event('inventory.reservation.reserved.v1', { reservationId: 'r1', customerId: 'c1', items: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }], expiresAt: AT }),
    );
    expect(changes).toEqual([
      { kind: 'count', figure: 'reservations.made', at, by: 1, perSecond: true },
      { kind: 'sku-count', sku: 'A', figure: 'units.reserved', at, by: 2 },
      { kind: 'hold-opened', sku: 'A', reservationId: 'r1', customerId: 'c1', quantity: 2 },
      { kind: 'sku-count', sku: 'B', figure: 'units.reserved', at, by: 1 },
      { kind: 'hold-opened', sku: 'B', reservationId: 'r1', customerId: 'c1', quantity: 1 },
    ]);
  });

  it('closes the holds of a committed, released or expired reservation; a swapped hold is not a new shopper', () => {
    const items = [{ sku: 'A', quantity: 2 }];
    expect(figureChangesOf(event('inventory.reservation.committed.v1', { reservationId: 'r1', customerId: 'c1', items }))).toEqual([
      { kind: 'sku-count', sku: 'A', figure: 'units.committed', at, by: 2 },
      { kind: 'hold-closed', sku: 'A', reservationId: 'r1' },
    ]);
    expect(figureChangesOf(event('inventory.reservation.expired.v1', { reservationId: 'r1', customerId: 'c1', items }))).toEqual([
      { kind: 'sku-count', sku: 'A', figure: 'units.released', at, by: 2 },
      { kind: 'hold-closed', sku: 'A', reservationId: 'r1' },
    ]);
    expect(figureChangesOf(event('inventory.reservation.released.v1', { reservationId: 'r1', customerId: 'c1', items, replacedBy: 'r2' }))).toContainEqual({
      kind: 'count',
      figure: 'reservations.replaced',
      at,
      by: 1,
    });
  });

  it('marks a SKU sold out, and back in stock when its available stock rises again', () => {
    const levels = { sku: 'A', onHand: 5, reserved: 5, committed: 0, available: 0 };
    expect(figureChangesOf(event('inventory.stock.sold-out.v1', levels))).toEqual([{ kind: 'sold-out', sku: 'A', at }]);
    expect(figureChangesOf(event('inventory.stock.changed.v1', { ...levels, available: 3, delta: 3, kind: 'adjust', reason: null }))).toEqual([{ kind: 'back-in-stock', sku: 'A', at }]);
    expect(figureChangesOf(event('inventory.stock.changed.v1', { ...levels, delta: -1, kind: 'adjust', reason: null }))).toEqual([]);
  });

  it('records a flash sale with the status its event marks', () => {
    expect(figureChangesOf(event('pricing.flash-sale.started.v1', sale))).toEqual([{ kind: 'sale', sale, status: 'live', at }]);
    expect(figureChangesOf(event('pricing.flash-sale.sold-out.v1', sale))).toEqual([{ kind: 'sale', sale, status: 'sold_out', at }]);
  });

  it('ignores events it does not count', () => {
    expect(figureChangesOf(event('pricing.price.changed.v1', { skus: ['A'], reason: 'x' }))).toEqual([]);
  });
});
