import { describe, expect, it } from 'vitest';
import { FailureCode } from '@shop/contracts';
import type { PartitionManager } from '../actor/partition-manager.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import type { InventoryPeers } from './inventory-peers.js';
import { holdCall, reserveCall, stockCall } from './partition-calls.js';
import { PartitionDispatcher } from './partition-dispatcher.js';

/**
 * The dispatcher's routing without actors: every partition here is served by another instance
 * (partition 1 by nobody), and the peers port records what it was asked. Running on a local
 * actor is covered by the integration tests (test/partition-dispatch.int.spec.ts).
 */
function setUp() {
  const sent: string[] = [];
  const ownership = {
    partitions: 4,
    instanceId: 'here',
    partitionOf: () => 0,
    owned: () => [],
    isMine: () => false,
    ownerUrl: (p: number) => (p === 1 ? undefined : `http://owner-of-${p}`),
  } as unknown as PartitionOwnership;
  const manager = {
    actor: () => {
      throw new Error('no partition is served here');
    },
  } as unknown as PartitionManager;
  const peers: Partial<InventoryPeers> = {
    relay: async (origin, _partition, request) => {
      sent.push(`relay ${origin} ${request.method} ${request.path}`);
      return { ok: 'relayed', status: 200, body: { relayed: true }, replayed: false };
    },
    hold: async (origin, partition) => {
      sent.push(`hold ${origin} ${partition}`);
      return { ok: true, value: { held: true } };
    },
  };
  let forwarded = 0;
  const dispatcher = new PartitionDispatcher({ ownership, manager, peers: peers as InventoryPeers, onForward: () => forwarded++ });
  return { dispatcher, sent, forwardedCount: () => forwarded };
}

const adjust = stockCall({ kind: 'adjustStock', sku: 'mug', delta: 1, reason: 'recount' }, { method: 'POST', path: '/api/admin/inventory/mug/adjustments' });
const hold = holdCall(2, { kind: 'hold', reservationId: 'r0_x', customerId: null, items: [], expiresAt: 0, bounds: null });

describe('PartitionDispatcher', () => {
  it('relays a client’s request to the owner once, counted, and passes its answer through', async () => {
    const { dispatcher, sent, forwardedCount } = setUp();
    expect(await dispatcher.dispatch(2, adjust, false)).toEqual({ ok: 'relayed', status: 200, body: { relayed: true }, replayed: false });
    expect(sent).toEqual(['relay http://owner-of-2 POST /api/admin/inventory/mug/adjustments']);
    expect(forwardedCount()).toBe(1);
  });

  it('never sends on a request that arrived forwarded: 503 PARTITION_UNAVAILABLE with a retry hint', async () => {
    const { dispatcher, sent } = setUp();
    expect(await dispatcher.dispatch(2, adjust, true)).toEqual({
      ok: false,
      failure: expect.objectContaining({ code: FailureCode.PARTITION_UNAVAILABLE, retryAfterSeconds: 1 }),
    });
    expect(await dispatcher.forward(2, { method: 'POST', path: '/api/inventory/reservations' }, true)).toMatchObject({ ok: false });
    expect(sent).toEqual([]);
  });

  it('answers 503 when no instance serves the partition, or for a command only a local actor runs', async () => {
    const { dispatcher, sent } = setUp();
    expect(await dispatcher.dispatch(1, adjust, false)).toMatchObject({ ok: false, failure: { code: FailureCode.PARTITION_UNAVAILABLE } });
    const reserve = reserveCall({
      kind: 'reserve',
      reservationId: 'r2_x',
      idempotencyKey: 'k',
      requestHash: 'h',
      customerId: null,
      items: [],
      localItems: [],
      participants: [],
      expiresAt: 0,
      bounds: null,
    });
    expect(await dispatcher.dispatch(2, reserve, false)).toMatchObject({ ok: false, failure: { code: FailureCode.PARTITION_UNAVAILABLE } });
    expect(sent).toEqual([]);
  });

  it('sends a participant command over the typed client (not counted as a forwarded request)', async () => {
    const { dispatcher, sent, forwardedCount } = setUp();
    expect(await dispatcher.dispatch(2, hold, false)).toEqual({ ok: true, value: { held: true } });
    expect(sent).toEqual(['hold http://owner-of-2 2']);
    expect(forwardedCount()).toBe(0);
  });
});
