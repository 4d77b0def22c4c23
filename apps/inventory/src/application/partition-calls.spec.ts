import { describe, expect, it } from 'vitest';
import { FailureCode } from '@shop/contracts';
import { finishHoldCall, holdCall, reservationAnswer, stockCall } from './partition-calls.js';

const level = { sku: 'mug', onHand: 5, reserved: 1, committed: 0, available: 4 };

describe('the outcome of a partition command as its answer', () => {
  it('a reservation: the value (marked when replayed), or the refusal as a failure code', () => {
    const header = { reservationId: 'r1_x', items: [{ sku: 'mug', quantity: 1 }], expiresAt: Date.UTC(2026, 0, 1) };
    const reserved = reservationAnswer({ kind: 'reserved', header: header as never, replay: true });
    expect(reserved).toEqual({ ok: true, value: { reservationId: 'r1_x', items: header.items, expiresAt: '2026-01-01T00:00:00.000Z' }, replayed: true });
    expect(reservationAnswer({ kind: 'refused', code: 'UNKNOWN_SKU', skus: ['nope'] })).toMatchObject({ ok: false, failure: { code: FailureCode.NOT_FOUND, details: ['nope'] } });
    expect(reservationAnswer({ kind: 'refused', code: FailureCode.SKU_UNAVAILABLE, skus: ['old'] })).toMatchObject({ ok: false, failure: { code: FailureCode.SKU_UNAVAILABLE } });
    expect(reservationAnswer({ kind: 'keyReused', reservationId: 'r1_x' })).toMatchObject({ ok: false, failure: { code: FailureCode.IDEMPOTENCY_KEY_REUSED } });
    expect(() => reservationAnswer({ kind: 'held' })).toThrow('unexpected outcome held');
  });

  it('a participant hold: held, or refused with the SKUs', () => {
    const call = holdCall(2, { kind: 'hold', reservationId: 'r1_x', customerId: null, items: [], expiresAt: 0, bounds: null });
    expect(call.answer({ kind: 'held' })).toEqual({ ok: true, value: { held: true } });
    expect(call.answer({ kind: 'refused', code: 'LIMIT_EXCEEDED', skus: ['mug'] })).toMatchObject({ ok: false, failure: { code: FailureCode.LIMIT_EXCEEDED, details: ['mug'] } });
  });

  it('a participant follows the coordinator: a hold never made is nothing to do; a committed one is not released', () => {
    const release = finishHoldCall(2, 'r1_x', 'release');
    expect(release.command).toEqual({ kind: 'release', reservationId: 'r1_x', reason: 'released' });
    expect(finishHoldCall(2, 'r1_x', 'expire').command).toEqual({ kind: 'release', reservationId: 'r1_x', reason: 'expired' });
    expect(finishHoldCall(2, 'r1_x', 'commit').command).toEqual({ kind: 'commit', reservationId: 'r1_x' });
    expect(release.answer({ kind: 'unknownReservation' })).toEqual({ ok: true, value: { status: 'unknown' } });
    expect(release.answer({ kind: 'notHeld', status: 'committed' })).toMatchObject({ ok: false, failure: { code: FailureCode.RESERVATION_NOT_HELD, details: { status: 'committed' } } });
  });

  it('a stock change: the new level, below commitments, or an unknown SKU', () => {
    const call = stockCall({ kind: 'adjustStock', sku: 'mug', delta: -9, reason: 'damage' }, { method: 'POST', path: '/api/admin/inventory/mug/adjustments' });
    expect(call.answer({ kind: 'stock', level })).toEqual({ ok: true, value: level });
    expect(call.answer({ kind: 'belowCommitments', level })).toMatchObject({ ok: false, failure: { code: FailureCode.STOCK_BELOW_COMMITMENTS, details: level } });
    expect(call.answer({ kind: 'unknownSku' })).toMatchObject({ ok: false, failure: { code: FailureCode.NOT_FOUND, message: 'no stock record for SKU mug' } });
  });
});
