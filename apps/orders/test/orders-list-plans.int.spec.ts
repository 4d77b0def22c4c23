import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { OrderRepository } from '../src/adapters/order.repository.js';
import type { OrderListFilter } from '../src/application/order-store.js';

/**
 * The admin order list stays fast on a large shop: with 10,000 more orders in the table, every
 * filter the console offers is answered by an index, never by reading the whole table. Checked
 * on Postgres's own plan (EXPLAIN) of the very statements the repository sends, with their
 * bound values, not on timings (the machine is shared).
 */
const ORDERS = 10_000;
const CUSTOMERS = 200;
const statements: { sql: string; values: readonly unknown[] }[] = [];
const prisma = createPrismaClient({
  databaseUrl: testEnv().databaseUrl,
  applicationName: 'orders-plan-tests',
  poolMax: 2,
  onStatement: (sql, values) => statements.push({ sql, values: values ?? [] }),
});
const orders = new OrderRepository(prisma);
const db = new pg.Client({ connectionString: testEnv().databaseUrl });
const customers = Array.from({ length: CUSTOMERS }, () => randomUUID());
let someNumber = 0;

beforeAll(async () => {
  await db.connect();
  // Spread over a year, over every status, over 200 customers: the shape of a busy shop.
  await db.query(
    `INSERT INTO orders."order" (id, customer_id, email, status, currency, subtotal, shipping, total, shipping_address, cancel_reason, checkout_id, created_at, updated_at)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + i % $2], 'plan' || (i % $2) || '@example.com',
            (ARRAY['PENDING','AWAITING_PAYMENT','CONFIRMED','FULFILLED','CANCELLED','REFUNDED'])[1 + i % 6]::orders."OrderStatus",
            'EUR', 1000, 0, 1000, '{}'::jsonb, CASE WHEN i % 6 = 4 THEN 'OUT_OF_STOCK' END, gen_random_uuid(),
            timestamptz '2025-01-01' + (i * interval '53 minutes'), now()
     FROM generate_series(1, $3) AS i`,
    [customers, CUSTOMERS, ORDERS],
  );
  await db.query('ANALYZE orders."order"');
  someNumber = (await db.query<{ n: number }>('SELECT max(number_seq) AS n FROM orders."order"')).rows[0]!.n;
}, 120_000);

afterAll(async () => {
  await db.end();
  await prisma.$disconnect();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Every table access of every statement the listing sent, as "Index Scan on order" etc. */
async function accessesOf(filter: Omit<OrderListFilter, 'limit'>): Promise<string[]> {
  statements.length = 0;
  const page = await orders.list({ ...filter, limit: 20 });
  expect(page.items.length).toBeGreaterThan(0);
  const selects = statements.filter((s) => /^\s*SELECT/i.test(s.sql));
  expect(selects.length).toBeGreaterThan(0);
  const accesses: string[] = [];
  for (const s of selects) {
    const explained = await db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${s.sql}`, [...s.values]);
    for (const node of nodes(explained.rows[0]!['QUERY PLAN'][0]!.Plan)) {
      if (node['Relation Name']) accesses.push(`${node['Node Type']} on ${node['Relation Name']}`);
    }
  }
  return accesses;
}

describe(`admin order list on ${ORDERS} orders`, () => {
  const filters: [string, () => Omit<OrderListFilter, 'limit'>][] = [
    ['no filter (newest first)', () => ({})],
    ['status', () => ({ status: 'REFUNDED' })],
    ['customer', () => ({ customerId: customers[7] })],
    ['customer and status', () => ({ customerId: customers[7], status: 'FULFILLED' })],
    ['date range', () => ({ from: new Date('2025-03-01'), to: new Date('2025-03-08') })],
    ['status and date range', () => ({ status: 'PENDING', from: new Date('2025-03-01'), to: new Date('2025-04-01') })],
    ['email', () => ({ email: 'plan7@example.com' })],
    ['email and status', () => ({ email: 'plan7@example.com', status: 'AWAITING_PAYMENT' })],
    ['order number', () => ({ numberSeq: someNumber })],
  ];

  it.each(filters)('answers "%s" from an index, never a scan of the whole table', async (_name, filter) => {
    const accesses = await accessesOf(filter());
    expect(accesses.filter((a) => a.endsWith(' on order'))).not.toEqual([]);
    expect(accesses.filter((a) => a === 'Seq Scan on order')).toEqual([]);
  });

  it('pages deep into the list from an index too', async () => {
    let page = await orders.list({ limit: 100 });
    for (let i = 0; i < 30 && page.nextCursor; i++) page = await orders.list({ limit: 100, cursor: page.nextCursor });
    expect(page.nextCursor).not.toBeNull();
    const accesses = await accessesOf({ cursor: page.nextCursor! });
    expect(accesses.filter((a) => a === 'Seq Scan on order')).toEqual([]);
  });
});
