import { randomUUID } from 'node:crypto';
import { fetchJson } from '@shop/testing';
import { ADDRESS } from '../checkout-platform.js';
import { SERVICES, type ChaosPlatform, type ServiceName } from './chaos-platform.js';

/** How hard one fault is pushed: the CI-sized test and `npm run chaos` differ only in these. */
export interface ChaosSize {
  /** Checkouts in flight around each fault. */
  checkouts: number;
  /** Reservations (straight holds, no checkout) in flight around each fault. */
  reservations: number;
  /** How long the dependency stays down (links cut, servers down). */
  downMs: number;
  /** Deadline for every accepted checkout to settle after the fault healed. */
  settleTimeoutMs: number;
}

export interface Fault {
  name: string;
  inject(platform: ChaosPlatform, size: ChaosSize): Promise<void>;
}

/**
 * The simulated provider's test cards the checkouts pay with: mostly approved, one declined (its
 * saga compensates), one slow (its saga is still authorizing, seconds long, when the fault hits).
 */
const CARDS = ['tok_approve', 'tok_approve', 'tok_slow', 'tok_approve', 'tok_decline'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every fault the suite injects, one at a time, in this order. */
export const FAULTS: Fault[] = [
  {
    name: 'Postgres link drops',
    async inject(p, size) {
      await p.pgLink.cut();
      await sleep(size.downMs);
      await p.pgLink.restore();
    },
  },
  {
    name: 'Postgres restarts',
    inject: (p, size) => p.postgres.restart(size.downMs),
  },
  {
    name: 'Redis crashes empty',
    inject: (p, size) => p.redis.crashEmpty(size.downMs),
  },
  {
    name: 'Redis link drops',
    async inject(p, size) {
      await p.redisLink.cut();
      await sleep(size.downMs);
      await p.redisLink.restore();
    },
  },
  ...SERVICES.map(
    (service: ServiceName): Fault => ({
      name: `kill -9 ${service}`,
      inject: (p) => p.kill(service),
    }),
  ),
];

export interface FaultOutcome {
  fault: string;
  attempted: number;
  accepted: number;
  confirmed: number;
  cancelled: number;
  /** Accepted checkouts not CONFIRMED/CANCELLED by the deadline: "id state/status". */
  stuck: string[];
  reservationsHeld: number;
  /** Refusals by code, e.g. "LIMIT_EXCEEDED ×4" ('' when none). */
  reservationsRefused: string;
  /** Stock rows that do not add up: "sku: why". */
  stockProblems: string[];
  /** Charges (authorized or captured) whose order is not CONFIRMED, and CONFIRMED orders without a captured charge. */
  paymentProblems: string[];
  unpublishedOutbox: number;
  /** The status of one new checkout after the fault, with no restart by hand. */
  newCheckout: string;
  /** From the fault healing to the last accepted checkout settled. */
  settledInMs: number;
  /** From asking for the new checkout to it CONFIRMED. */
  newCheckoutMs: number;
  /** Lines of the healing runner during this fault. */
  restarts: string[];
  /** Processes that died of a dependency fault (a SIGKILL we sent does not count). */
  died: string[];
  /** Services not ready once everything settled. */
  notReady: string[];
  passed: boolean;
}

interface Http {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One HTTP call that never throws: a network error or timeout is status 0. */
async function http(url: string, init: { method?: string; json?: unknown; token?: string; key?: string } = {}): Promise<Http> {
  try {
    const res = await fetchJson(url, {
      method: init.method ?? 'GET',
      json: init.json,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: res.body };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Retries a request while the platform answers 5xx / not at all (the same key each time), until `until`. */
async function persist(until: number, request: () => Promise<Http>): Promise<Http> {
  for (;;) {
    const res = await request();
    if ((res.status > 0 && res.status < 500) || Date.now() > until) return res;
    await sleep(200);
  }
}

/** A shopper driving the platform through the gateway, as the storefront would. */
export class Shoppers {
  private admin = '';
  checkoutSkus: string[] = [];
  reservationSkus: string[] = [];
  private seq = 0;

  constructor(private readonly platform: ChaosPlatform) {}

  async prepare(): Promise<void> {
    this.admin = await this.platform.adminToken();
    const tag = Date.now().toString(36).toUpperCase();
    const prices = [1000, 2500, 499, 1200, 800];
    const skus = prices.map((_, i) => `CHAOS-${tag}-${i}`);
    const created = await persist(Date.now() + 30_000, () =>
      http(`${this.platform.gateway}/api/admin/products`, {
        method: 'POST',
        token: this.admin,
        json: {
          title: `Chaos Tee ${tag}`,
          status: 'active',
          variants: skus.map((sku, i) => ({ sku, attributes: { size: `S${i}` }, price: { amount: prices[i], currency: 'EUR' } })),
        },
      }),
    );
    if (created.status !== 201) throw new Error(`product: ${created.status} ${JSON.stringify(created.body)}`);
    for (const sku of skus) {
      const set = await persist(Date.now() + 30_000, () =>
        http(`${this.platform.gateway}/api/admin/inventory/${sku}`, { method: 'PUT', token: this.admin, json: { onHand: 100_000 } }),
      );
      if (set.status !== 200) throw new Error(`stock of ${sku}: ${set.status} ${JSON.stringify(set.body)}`);
    }
    // Checkout charges pricing's quote: wait until pricing has followed the catalog's event.
    const until = Date.now() + 30_000;
    for (;;) {
      const priced = await http(`${this.platform.gateway}/api/pricing/prices?skus=${skus.join(',')}`);
      if (priced.status === 200 && priced.body.items.length === skus.length) break;
      if (Date.now() > until) throw new Error(`pricing does not price the chaos SKUs: ${priced.status} ${JSON.stringify(priced.body)}`);
      await sleep(200);
    }
    this.checkoutSkus = skus.slice(0, 3);
    this.reservationSkus = skus.slice(3);
  }

  /** A new customer (registered through the gateway) with a cart of one or two lines. */
  async customerWithCart(until: number): Promise<{ token: string; cartId: string } | undefined> {
    const n = this.seq++;
    const reg = await persist(until, () =>
      http(`${this.platform.gateway}/api/auth/register`, { method: 'POST', json: { email: `chaos-${randomUUID()}@example.com`, password: 'correct horse battery' } }),
    );
    if (reg.status !== 201) return undefined;
    const token = reg.body.accessToken as string;
    const cart = await persist(until, () => http(`${this.platform.gateway}/api/carts`, { method: 'POST', token }));
    if (cart.status !== 201 && cart.status !== 200) return undefined;
    const lines = [{ sku: this.checkoutSkus[n % 3]!, quantity: 1 + (n % 2) }, ...(n % 3 === 0 ? [{ sku: this.checkoutSkus[(n + 1) % 3]!, quantity: 1 }] : [])];
    for (const line of lines) {
      const added = await persist(until, () => http(`${this.platform.gateway}/api/carts/${cart.body.id}/items`, { method: 'POST', token, json: line }));
      if (added.status !== 200) return undefined;
    }
    return { token, cartId: cart.body.id as string };
  }

  /** POST /api/checkout, retried with the same Idempotency-Key while the platform is down. */
  async checkout(shopper: { token: string; cartId: string }, card: string, until: number): Promise<{ checkoutId: string; orderId: string } | undefined> {
    const key = randomUUID();
    const res = await persist(until, () =>
      http(`${this.platform.gateway}/api/checkout`, {
        method: 'POST',
        token: shopper.token,
        key,
        json: { cartId: shopper.cartId, shippingAddress: ADDRESS, payment: { method: 'card', token: card } },
      }),
    );
    return res.status === 202 ? { checkoutId: res.body.checkoutId as string, orderId: res.body.orderId as string } : undefined;
  }

  /**
   * A hold on stock (no checkout), half of them released again. Answers 'held', or the refusal's
   * code (one customer makes them all, so the per-customer hold limits refuse some: LIMIT_EXCEEDED).
   */
  async reservation(token: string, n: number, until: number): Promise<string> {
    const res = await persist(until, () =>
      http(`${this.platform.gateway}/api/inventory/reservations`, {
        method: 'POST',
        token,
        key: `chaos-res-${randomUUID()}`,
        json: { items: [{ sku: this.reservationSkus[n % this.reservationSkus.length]!, quantity: 1 + (n % 3) }] },
      }),
    );
    if (res.status !== 201) return String(res.body?.error?.code ?? res.status);
    if (n % 2 === 0) await persist(until, () => http(`${this.platform.gateway}/api/inventory/reservations/${res.body.reservationId}`, { method: 'DELETE', token }));
    return 'held';
  }

  async registered(until: number): Promise<string | undefined> {
    const reg = await persist(until, () =>
      http(`${this.platform.gateway}/api/auth/register`, { method: 'POST', json: { email: `chaos-${randomUUID()}@example.com`, password: 'correct horse battery' } }),
    );
    return reg.status === 201 ? (reg.body.accessToken as string) : undefined;
  }
}

/** The accepted checkouts that have not settled (order CONFIRMED/CANCELLED and saga finished). */
async function unsettled(platform: ChaosPlatform, ids: string[]): Promise<{ stuck: string[]; confirmed: number; cancelled: number }> {
  const { rows } = await platform.db.query<{ id: string; state: string; status: string | null }>(
    `SELECT c.id, c.state, o.status FROM payments.checkout c LEFT JOIN orders."order" o ON o.checkout_id = c.id WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const stuck: string[] = [];
  let confirmed = 0;
  let cancelled = 0;
  for (const id of ids) {
    const row = found.get(id);
    const settled = row && ['completed', 'cancelled', 'rejected'].includes(row.state) && (row.status === 'CONFIRMED' || row.status === 'CANCELLED');
    if (!settled) stuck.push(`${id} ${row?.state ?? 'missing'}/${row?.status ?? 'no order'}`);
    else if (row.status === 'CONFIRMED') confirmed++;
    else cancelled++;
  }
  return { stuck, confirmed, cancelled };
}

/** on hand = available + reserved + committed, reserved = held items, committed = units of CONFIRMED orders. */
async function stockProblems(platform: ChaosPlatform): Promise<string[]> {
  const { rows } = await platform.db.query<{ sku: string; on_hand: number; reserved: number; committed: number; held: number; sold: number }>(
    `SELECT s.sku, s.on_hand, s.reserved, s.committed,
            COALESCE((SELECT sum(i.quantity) FROM inventory.reservation_item i WHERE i.sku = s.sku AND i.status = 'held'), 0)::int AS held,
            COALESCE((SELECT sum(l.quantity) FROM orders.order_line l JOIN orders."order" o ON o.id = l.order_id
                      WHERE l.sku = s.sku AND o.status = 'CONFIRMED'), 0)::int AS sold
       FROM inventory.stock s WHERE s.sku LIKE 'CHAOS-%'`,
  );
  const problems: string[] = [];
  for (const r of rows) {
    const available = r.on_hand - r.reserved - r.committed;
    if (available < 0) problems.push(`${r.sku}: available ${available} < 0`);
    if (r.reserved !== r.held) problems.push(`${r.sku}: reserved ${r.reserved} but ${r.held} held`);
    if (r.committed !== r.sold) problems.push(`${r.sku}: committed ${r.committed} but ${r.sold} sold in CONFIRMED orders`);
  }
  // What the API says must be the same story (the full figures are the admin's view; the public sees a level).
  const admin = await platform.adminToken();
  for (const r of rows) {
    const api = await http(`${platform.gateway}/api/admin/inventory/${r.sku}`, { token: admin });
    if (api.status !== 200) problems.push(`${r.sku}: stock read ${api.status}`);
    else if (api.body.onHand !== api.body.available + api.body.reserved + api.body.committed) problems.push(`${r.sku}: API ${JSON.stringify(api.body)} does not add up`);
    else if (api.body.onHand !== r.on_hand || api.body.reserved !== r.reserved || api.body.committed !== r.committed) {
      problems.push(`${r.sku}: API ${JSON.stringify(api.body)} differs from the database`);
    }
  }
  return problems;
}

/** Every charge still held or taken belongs to a CONFIRMED order, and every CONFIRMED order was paid. */
async function paymentProblems(platform: ChaosPlatform): Promise<string[]> {
  const { rows } = await platform.db.query<{ id: string; charge: string | null; order_status: string | null }>(
    `SELECT c.id, ch.status AS charge, o.status AS order_status
       FROM payments.checkout c
       LEFT JOIN payments.sim_charge ch ON ch.idempotency_key = c.id || ':authorize'
       LEFT JOIN orders."order" o ON o.checkout_id = c.id`,
  );
  const problems: string[] = [];
  for (const r of rows) {
    if ((r.charge === 'captured' || r.charge === 'authorized') && r.order_status !== 'CONFIRMED') problems.push(`${r.id}: charge ${r.charge}, order ${r.order_status}`);
    if (r.order_status === 'CONFIRMED' && r.charge !== 'captured') problems.push(`${r.id}: order CONFIRMED, charge ${r.charge}`);
  }
  return problems;
}

async function unpublished(platform: ChaosPlatform): Promise<number> {
  const { rows } = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messaging.outbox_event WHERE published_at IS NULL');
  return rows[0]!.n;
}

async function eventually<T>(deadline: number, probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
    } catch {
      // the suite's own Postgres connection may be one the fault cut: ask again
    }
    if (value !== undefined && (done(value) || Date.now() > deadline)) return value;
    if (value === undefined && Date.now() > deadline) return probe();
    await sleep(250);
  }
}

/**
 * One fault under load: carts are filled, checkouts and reservations go out around the fault,
 * the fault heals, and then every invariant is read from the services' own tables.
 */
export async function runFault(platform: ChaosPlatform, shoppers: Shoppers, fault: Fault, size: ChaosSize, log: (line: string) => void): Promise<FaultOutcome> {
  const restartsBefore = platform.restartLines.length;
  const prepUntil = Date.now() + 60_000;
  const carts = (await Promise.all(Array.from({ length: size.checkouts }, () => shoppers.customerWithCart(prepUntil)))).filter((c) => c !== undefined);
  const holder = await shoppers.registered(prepUntil);
  if (!holder || carts.length < size.checkouts) throw new Error(`could not prepare shoppers before "${fault.name}"`);

  // The requests go out over the second before the fault and while it lasts; each retries until 30 s after.
  const leadMs = 1_000;
  let healedAt = Number.POSITIVE_INFINITY;
  const requestsUntil = () => (Number.isFinite(healedAt) ? healedAt : Date.now() + 60_000) + 30_000;
  const stagger = (i: number, n: number) => sleep(Math.floor((i * (leadMs + size.downMs)) / Math.max(1, n)));
  const faultDone = (async () => {
    await sleep(leadMs);
    log(`  injecting: ${fault.name}`);
    await fault.inject(platform, size);
    healedAt = Date.now();
  })();
  const checkouts = carts.map(async (shopper, i) => {
    await stagger(i, carts.length);
    return shoppers.checkout(shopper, CARDS[i % CARDS.length]!, Math.max(Date.now() + 30_000, requestsUntil()));
  });
  const reservations = Array.from({ length: size.reservations }, async (_, i) => {
    await stagger(i, size.reservations);
    return shoppers.reservation(holder, i, Math.max(Date.now() + 30_000, requestsUntil()));
  });
  await faultDone;
  const accepted = (await Promise.all(checkouts)).filter((c) => c !== undefined);
  const answers = await Promise.all(reservations);
  const held = answers.filter((a) => a === 'held').length;
  const refused = countBy(answers.filter((a) => a !== 'held'));
  log(`  healed; ${accepted.length}/${carts.length} checkouts accepted, ${held}/${size.reservations} reservations made${refused ? ` (refused: ${refused})` : ''}`);

  const deadline = Date.now() + size.settleTimeoutMs;
  const ids = accepted.map((a) => a.checkoutId);
  const settled = await eventually(deadline, () => unsettled(platform, ids), (s) => s.stuck.length === 0);
  const settledInMs = Date.now() - healedAt;
  const outbox = await eventually(Date.now() + 20_000, () => unpublished(platform), (n) => n === 0);

  // A new checkout, with nobody restarting anything by hand.
  let newCheckout = 'not accepted';
  const probeStart = Date.now();
  const probeUntil = Date.now() + 60_000;
  const shopper = await shoppers.customerWithCart(probeUntil);
  const placed = shopper ? await shoppers.checkout(shopper, 'tok_approve', probeUntil) : undefined;
  if (placed) {
    const probe = await eventually(probeUntil, () => unsettled(platform, [placed.checkoutId]), (s) => s.stuck.length === 0);
    newCheckout = probe.stuck.length > 0 ? `stuck (${probe.stuck[0]})` : probe.confirmed === 1 ? 'CONFIRMED' : 'CANCELLED';
  } else if (!shopper) newCheckout = 'no cart';
  const newCheckoutMs = Date.now() - probeStart;

  // Reservations expire or are released; the stock and payment checks run on a quiet platform.
  const stock = await eventually(Date.now() + 10_000, () => stockProblems(platform), (p) => p.length === 0);
  const payments = await paymentProblems(platform);
  const restarts = platform.restartLines.slice(restartsBefore);
  const killed = fault.name.startsWith('kill -9 ') ? fault.name.slice('kill -9 '.length) : undefined;
  const died = restarts.filter((line) => !(killed && line.startsWith(`${killed} was killed by SIGKILL`)));
  const notReady: string[] = [];
  for (const service of SERVICES) if (!(await platform.ready(service))) notReady.push(service);
  const outcome: FaultOutcome = {
    fault: fault.name,
    attempted: carts.length,
    accepted: accepted.length,
    confirmed: settled.confirmed,
    cancelled: settled.cancelled,
    stuck: settled.stuck,
    reservationsHeld: held,
    reservationsRefused: refused,
    stockProblems: stock,
    paymentProblems: payments,
    unpublishedOutbox: outbox,
    newCheckout,
    settledInMs,
    newCheckoutMs,
    restarts,
    died,
    notReady,
    passed: false,
  };
  outcome.passed =
    outcome.accepted > 0 &&
    outcome.stuck.length === 0 &&
    stock.length === 0 &&
    payments.length === 0 &&
    outbox === 0 &&
    newCheckout === 'CONFIRMED' &&
    died.length === 0 &&
    notReady.length === 0;
  return outcome;
}

/** The faults × outcomes table (Markdown). */
export function outcomeTable(outcomes: FaultOutcome[]): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const head =
    '| Fault | Checkouts accepted | Confirmed / cancelled | Stuck | Settled in | Reservations held | Stock adds up | Charge without order | Outbox unpublished | New checkout | Restarted by the runner | Died of the fault | Result |';
  const rule = '|---|---|---|---|---|---|---|---|---|---|---|---|---|';
  const rows = outcomes.map((o) =>
    [
      o.fault,
      `${o.accepted}/${o.attempted}`,
      `${o.confirmed} / ${o.cancelled}`,
      String(o.stuck.length),
      seconds(o.settledInMs),
      o.reservationsRefused ? `${o.reservationsHeld} (refused: ${o.reservationsRefused})` : String(o.reservationsHeld),
      o.stockProblems.length === 0 ? 'yes' : `NO (${o.stockProblems.length})`,
      String(o.paymentProblems.length),
      String(o.unpublishedOutbox),
      `${o.newCheckout} in ${seconds(o.newCheckoutMs)}`,
      o.restarts.length === 0 ? '—' : o.restarts.map((l) => l.replace(/;.*$/, '')).join('; '),
      o.died.length === 0 ? 'none' : o.died.map((l) => l.replace(/;.*$/, '')).join('; '),
      o.passed ? 'PASS' : 'FAIL',
    ].join(' | '),
  );
  return [head, rule, ...rows.map((r) => `| ${r} |`)].join('\n');
}

/** What went wrong, for a failure message. */
export function failures(outcomes: FaultOutcome[]): string {
  return outcomes
    .filter((o) => !o.passed)
    .map((o) =>
      [
        `${o.fault}:`,
        o.accepted === 0 ? '  no checkout was accepted' : '',
        ...o.stuck.slice(0, 5).map((s) => `  stuck ${s}`),
        ...o.stockProblems.slice(0, 5).map((s) => `  stock ${s}`),
        ...o.paymentProblems.slice(0, 5).map((s) => `  payment ${s}`),
        o.unpublishedOutbox ? `  ${o.unpublishedOutbox} outbox rows unpublished` : '',
        o.newCheckout !== 'CONFIRMED' ? `  new checkout: ${o.newCheckout}` : '',
        ...o.died.map((l) => `  died: ${l}`),
        o.notReady.length ? `  not ready afterwards: ${o.notReady.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}

/** "A ×2, B ×1" for a list of codes; '' for none. */
function countBy(codes: string[]): string {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c} ×${n}`).join(', ');
}
