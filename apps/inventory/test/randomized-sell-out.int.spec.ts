import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '@shop/partitioning';
import { api, database, reserve, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Accepted {
  key: string;
  reservationId: string;
  items: { sku: string; quantity: number }[];
  fate: 'held' | 'released' | 'committed';
}

describe('randomized concurrent sell-outs (invariants asserted from the database)', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  const db = database();

  beforeAll(async () => {
    inv = await startTestInventory({ env: { MAX_BATCH: '64' } });
  });
  afterAll(async () => {
    await inv?.service.close();
    await db.end();
  });

  const seeds = [11, 23, 37, 41, 59, 67, 73, 89];
  for (const seed of seeds) {
    it(`run with seed ${seed}: no oversell, one effect per key, onHand = available + reserved + committed`, async () => {
      const random = prng(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const skuCount = 2 + Math.floor(random() * 3);
      const skus = Array.from({ length: skuCount }, () => uniqueSku(`S${seed}`));
      const stock = new Map(skus.map((s) => [s, 5 + Math.floor(random() * 40)]));
      for (const [sku, onHand] of stock) await setStock(inv.url, sku, onHand);
      const totalStock = [...stock.values()].reduce((a, b) => a + b, 0);

      const accepted = new Map<string, Accepted>();
      const answers = new Map<string, string>();
      const sent: { key: string; body: { items: { sku: string; quantity: number }[] } }[] = [];
      let keySeq = 0;

      const client = async (): Promise<void> => {
        for (let i = 0; i < Math.ceil((totalStock * 3) / 24); i++) {
          const roll = random();
          let key: string;
          let body: { items: { sku: string; quantity: number }[] };
          if (roll < 0.1 && sent.length > 0) {
            ({ key, body } = pick(sent)); // a retry with the same key and body
          } else {
            key = `rand-${seed}-${keySeq++}`;
            const first = pick(skus);
            const items = [{ sku: first, quantity: 1 + Math.floor(random() * 3) }];
            if (roll > 0.75) {
              const second = pick(skus.filter((s) => s !== first));
              items.push({ sku: second, quantity: 1 + Math.floor(random() * 2) });
            }
            body = { items };
            sent.push({ key, body });
          }
          const res = await reserve(inv.url, key, body);
          expect([201, 409]).toContain(res.status);
          if (res.status !== 201) continue;
          const previous = answers.get(key);
          if (previous !== undefined) expect(JSON.stringify(res.body)).toBe(previous);
          answers.set(key, JSON.stringify(res.body));
          if (!accepted.has(key)) accepted.set(key, { key, reservationId: res.body.reservationId, items: body.items, fate: 'held' });
          const fate = random();
          const mine = accepted.get(key)!;
          // The fate is decided before the call: two clients holding the same key must not both act on it.
          if (mine.fate === 'held' && fate < 0.1) {
            mine.fate = 'released';
            const released = await api(inv.url, `/api/inventory/reservations/${mine.reservationId}`, { method: 'DELETE' });
            expect(released.status).toBe(200);
          } else if (mine.fate === 'held' && fate < 0.2) {
            mine.fate = 'committed';
            const committed = await api(inv.url, `/internal/inventory/reservations/${mine.reservationId}/commit`, { method: 'POST' });
            expect(committed.status).toBe(200);
          }
        }
      };
      await Promise.all(Array.from({ length: 24 }, () => client()));

      // One reservation per key, and every acknowledged one is in the database as we left it.
      const ids = [...accepted.values()].map((a) => a.reservationId);
      expect(new Set(ids).size).toBe(ids.length);
      const { rows } = await db.query<{ id: string; idempotency_key: string; status: string; partition: number }>(
        'SELECT id, idempotency_key, status, partition FROM inventory.reservation WHERE idempotency_key = ANY($1)',
        [[...accepted.keys()]],
      );
      expect(rows).toHaveLength(accepted.size);
      for (const row of rows) {
        const mine = accepted.get(row.idempotency_key)!;
        expect(row.id).toBe(mine.reservationId);
        expect(row.status).toBe(mine.fate);
        expect(row.partition).toBe(partitionOf(mine.items[0]!.sku, inv.config.partitions));
      }
      for (const sku of skus) {
        const t = await totalsOf(db, sku);
        const expected = { held: 0, committed: 0 };
        for (const a of accepted.values()) {
          const q = a.items.find((i) => i.sku === sku)?.quantity ?? 0;
          if (a.fate === 'held') expected.held += q;
          if (a.fate === 'committed') expected.committed += q;
        }
        expect(t.onHand).toBe(stock.get(sku));
        expect(t.reserved).toBe(expected.held);
        expect(t.committed).toBe(expected.committed);
        expect(t.heldItems).toBe(t.reserved);
        expect(t.committedItems).toBe(t.committed);
        expect(t.onHand - t.reserved - t.committed).toBeGreaterThanOrEqual(0);
        const level = (await api(inv.url, `/api/admin/inventory/${sku}`)).body;
        expect(level).toEqual({ sku, onHand: t.onHand, reserved: t.reserved, committed: t.committed, available: t.onHand - t.reserved - t.committed });
      }
    });
  }

  it('single hot SKU, single units, 5x demand: accepted equals stock exactly', async () => {
    const sku = uniqueSku('HOT');
    await setStock(inv.url, sku, 150);
    let n = 0;
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const mine: number[] = [];
        for (let i = 0; i < 15; i++) mine.push((await reserve(inv.url, `hot-${sku}-${n++}`, { items: [{ sku, quantity: 1 }] })).status);
        return mine;
      }),
    );
    const flat = statuses.flat();
    expect(flat.filter((s) => s === 201)).toHaveLength(150);
    expect(flat.filter((s) => s === 409)).toHaveLength(750 - 150);
    expect(await totalsOf(db, sku)).toEqual({ onHand: 150, reserved: 150, committed: 0, heldItems: 150, committedItems: 0 });
  });
});
