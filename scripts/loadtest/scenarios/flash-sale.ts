// flash-sale: the scenario a merchant runs before a sale. It schedules its own sale through the
// admin API, registers its buyers, then buyers arrive on an open model (waiting room → ramp →
// spike → sustain): each reads the sale, waits for the start on the server's clock, holds units,
// checks out with an approving or declining test card (or abandons the hold), and follows the
// checkout until it settles. Refused for stock, a buyer keeps watching the sale and tries again
// when units come back (released by declines and abandoned holds), until the sale ends.
// Afterwards it checks the invariants from the platform's APIs and databases.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type Answer, errorCode } from '../client.js';
import { addressOf, cardTokenOf, expectedUnitsSold, planBuyers, type BuyerPlan } from '../buyers.js';
import { adminSession, deadLetterIds, registerBuyers, type AdminSession, waitUntil } from '../platform-api.js';
import type { Invariant, RunOptions, Scenario, ScenarioContext } from '../scenario.js';
import type { Stage } from '../schedule.js';

const SETTLED = new Set(['completed', 'cancelled', 'rejected', 'dead']);
const RETRY_AFTER_CANCEL = new Set(['OUT_OF_STOCK', 'CHECKOUT_EXPIRED', 'RESERVATION_REFUSED']);

interface Buyer extends BuyerPlan {
  token: string;
  customerId: string;
  outcome: string;
  boughtUnits: number;
  gaveUpOnError: boolean;
  checkoutIds: string[];
}

export interface FlashSaleState {
  admin: AdminSession;
  sku: string;
  saleId: string;
  startsAtMs: number;
  endsAtMs: number;
  /** Server clock minus ours (ms), from the setup's reads. */
  serverOffsetMs: number;
  buyers: Buyer[];
  deadLettersBefore: Set<string>;
  /** Local epoch ms at which the first stage begins. */
  loadStartsAt: number;
}

/** The waiting room before the start: arrivals read the sale and wait for it to open. */
const WAITING_SECONDS = 5;

export function flashSaleStages(options: Pick<RunOptions, 'rate' | 'duration' | 'spike'>): Stage[] {
  const { rate, duration, spike } = options;
  const ramp = Math.max(1, Math.round(duration * 0.2));
  const spikeSeconds = Math.max(1, Math.round(duration * 0.1));
  const sustain = Math.max(1, duration - ramp - spikeSeconds);
  return [
    { name: 'waiting', seconds: WAITING_SECONDS, fromRate: rate / 2, toRate: rate / 2 },
    { name: 'ramp', seconds: ramp, fromRate: rate / 5, toRate: rate },
    { name: 'spike', seconds: spikeSeconds, fromRate: rate * spike, toRate: rate * spike },
    { name: 'sustain', seconds: sustain, fromRate: rate, toRate: rate },
  ];
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export const flashSale: Scenario<FlashSaleState> = {
  name: 'flash-sale',
  summary: 'its own sale of --units units (limit --limit per customer); buyers arrive (waiting room, ramp, spike ×--spike, sustain), wait for the start on server time, hold, check out (approving/declining cards) or abandon; invariants checked afterwards',
  knobs: ['--rate', '--duration', '--spike', '--units', '--limit', '--decline-share', '--abandon-share', '--over-limit-share', '--hold-ttl', '--settle-seconds', '--seed'],

  stages: flashSaleStages,

  async setup(ctx, arrivals) {
    const { options } = ctx;
    const admin = await adminSession(ctx);
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
    const sku = `LOADTEST-${run}`;
    options.log(`setting up: product ${sku}, ${options.units} units at a sale price, limit ${options.limit} per customer`);
    const product = await admin.call('POST', '/api/admin/products', {
      title: `Load test hoodie ${run}`,
      status: 'active',
      variants: [{ sku, attributes: { size: 'L' }, price: { amount: 4900, currency: 'EUR' } }],
    });
    if (product.status !== 201) throw new Error(`creating the product: ${product.status} ${JSON.stringify(product.body)}`);
    // The sale's allocation, not the stock, must bound what is sold: twice the units in stock.
    await waitUntil(async () => (await admin.call('PUT', `/api/admin/inventory/${sku}`, { onHand: options.units * 2 })).status === 200, 'the stock to be set', 60_000);
    // Pricing learns the product from the catalog's events.
    await waitUntil(async () => (await ctx.client.call({ endpoint: 'setup', method: 'POST', path: '/api/pricing/quote', json: { lines: [{ sku, quantity: 1 }] }, stage: 'setup' }))?.status === 200, 'pricing to price the product', 60_000);

    const plans = planBuyers(arrivals.length, { declineShare: options.declineShare, abandonShare: options.abandonShare, overLimitShare: options.overLimitShare, limit: options.limit, seed: options.seed });
    options.log(`registering ${plans.length} buyers`);
    const tokens = await registerBuyers(ctx, plans.length);
    const buyers: Buyer[] = plans.map((p, i) => ({ ...p, token: tokens[i]!.token, customerId: tokens[i]!.userId, outcome: 'not_arrived', boughtUnits: 0, gaveUpOnError: false, checkoutIds: [] }));
    const deadLettersBefore = await deadLetterIds(admin);

    const list = await ctx.client.call({ endpoint: 'setup', path: '/api/flash-sales', stage: 'setup' });
    const serverOffsetMs = list?.status === 200 ? Date.parse(list.body.serverTime) - Date.now() : 0;
    // The load starts in 3 s (room for scheduling on a slow machine); the sale after the waiting room.
    const loadStartsAt = Date.now() + 3000;
    const startsAtMs = loadStartsAt + serverOffsetMs + WAITING_SECONDS * 1000;
    const loadAfterStart = flashSaleStages(options).slice(1).reduce((s, st) => s + st.seconds, 0);
    // Open long enough for abandoned holds to expire and watching buyers to take their units.
    const endsAtMs = startsAtMs + (loadAfterStart + options.holdTtl + 20) * 1000;
    const created = await admin.call('POST', '/api/admin/flash-sales', {
      sku,
      salePrice: { amount: 2900, currency: 'EUR' },
      units: options.units,
      perCustomerLimit: options.limit,
      startsAt: new Date(startsAtMs).toISOString(),
      endsAt: new Date(endsAtMs).toISOString(),
    });
    if (created.status !== 201) throw new Error(`scheduling the sale: ${created.status} ${JSON.stringify(created.body)}`);
    options.log(`sale ${created.body.id} opens at ${new Date(startsAtMs).toISOString()} (server time), ends ${new Date(endsAtMs).toISOString()}`);
    return { admin, sku, saleId: created.body.id, startsAtMs, endsAtMs, serverOffsetMs, buyers, deadLettersBefore, loadStartsAt };
  },

  async session(ctx, state, index, _arrival, dueAt) {
    const buyer = state.buyers[index]!;
    await buyerSession(ctx, state, buyer, dueAt);
  },

  async verify(ctx, state) {
    return verifyFlashSale(ctx, state);
  },
};

async function buyerSession(ctx: ScenarioContext, state: FlashSaleState, buyer: Buyer, dueAt: number): Promise<void> {
  const { client, recorder, options } = ctx;
  const headers = { ...bearer(buyer.token), ...ctx.shopperHeaders(buyer.index) };
  const giveUp = (outcome: string, onError: boolean) => {
    buyer.outcome = outcome;
    buyer.gaveUpOnError = onError;
    recorder.step(onError ? 'gave_up_on_error' : outcome);
  };
  const refused = (what: string, answer: Answer | null) => {
    recorder.refused(answer ? `${what}: ${answer.status}${errorCode(answer.body) ? ` ${errorCode(answer.body)}` : ''}` : `${what}: no answer`);
  };
  buyer.outcome = 'arrived';
  recorder.step('arrived');

  const readSale = (due?: number) => client.call({ endpoint: 'read-sale', path: `/api/flash-sales/${state.saleId}`, headers, dueAt: due });
  const sent = Date.now();
  const sale = await readSale(dueAt);
  if (sale?.status !== 200) {
    refused('read-sale', sale);
    return giveUp('read_failed', true);
  }
  recorder.step('read-sale');
  // The countdown runs on the server's clock (its serverTime, taken as of the answer's midpoint).
  const offset = Date.parse(sale.body.serverTime) - (sent + Date.now()) / 2;
  const untilStart = state.startsAtMs - offset - Date.now();
  if (untilStart > 0) {
    // Shoppers' "buy" clicks land within a quarter second of the opening, not all at one instant.
    await sleep(untilStart + Math.random() * 250);
    recorder.step('waited for start');
  }

  let wants = buyer.wants;
  let cartHasLine = false;
  for (let purchase = 1; purchase <= 4; purchase++) {
    const hold = await client.call({
      endpoint: 'hold',
      method: 'POST',
      path: '/api/inventory/reservations',
      json: { items: [{ sku: state.sku, quantity: wants }], ttlSeconds: options.holdTtl },
      headers: { ...headers, 'idempotency-key': randomUUID() },
    });
    if (!hold) return giveUp('hold_no_answer', true);
    if (hold.status !== 201) {
      refused('hold', hold);
      const code = errorCode(hold.body);
      if (hold.status === 409 && code === 'LIMIT_EXCEEDED' && wants > options.limit) {
        wants = options.limit; // the page says "at most N": the shopper asks for N
        continue;
      }
      if (hold.status === 409 && code === 'OUT_OF_STOCK') {
        const back = await watchForUnits(ctx, state, headers);
        if (back === 0) return giveUp('sold_out', false);
        wants = Math.min(wants, back);
        continue;
      }
      if (hold.status >= 500 || hold.status === 429) return giveUp(`hold_${hold.status}`, true);
      return giveUp(`hold_refused_${hold.status}_${code ?? ''}`, false);
    }
    recorder.step('held');
    if (buyer.intent === 'abandon') return giveUp('abandoned', false);

    const cart = await client.call(
      cartHasLine
        ? { endpoint: 'cart', method: 'PATCH', path: `/api/carts/current/items/${encodeURIComponent(state.sku)}`, json: { quantity: wants }, headers }
        : { endpoint: 'cart', method: 'POST', path: '/api/carts/current/items', json: { sku: state.sku, quantity: wants }, headers },
    );
    if (cart?.status !== 200) {
      refused('cart', cart);
      return giveUp('cart_failed', !cart || cart.status >= 500 || cart.status === 429);
    }
    cartHasLine = true;
    const checkout = await client.call({
      endpoint: 'checkout',
      method: 'POST',
      path: '/api/checkout',
      json: { cartId: cart.body.id, shippingAddress: addressOf(buyer.index), payment: { method: 'card', token: cardTokenOf(buyer.intent, buyer.index) }, reservationId: hold.body.reservationId },
      headers: { ...headers, 'idempotency-key': randomUUID() },
    });
    if (checkout?.status !== 202) {
      refused('checkout', checkout);
      // The hold expired or was taken over before the checkout: hold again, as the page would.
      if (checkout?.status === 409 && errorCode(checkout.body) === 'RESERVATION_REFUSED') continue;
      return giveUp('checkout_refused', !checkout || checkout.status >= 500 || checkout.status === 429);
    }
    recorder.step('checkout accepted');
    buyer.checkoutIds.push(checkout.body.checkoutId);
    const settled = await followCheckout(ctx, headers, checkout.body.checkoutId);
    if (!settled) return giveUp('checkout_unsettled', true);
    if (settled.state === 'completed') {
      buyer.boughtUnits += wants;
      recorder.step('confirmed');
      buyer.outcome = 'confirmed';
      return;
    }
    const failure = settled.failure?.code ?? settled.state;
    recorder.refused(`checkout cancelled: ${failure}`);
    // Refusals that say "your hold is gone" (it expired before the saga took it over, or stock ran
    // out in between): a paying shopper goes back to the sale page and tries again.
    if (buyer.intent === 'approve' && RETRY_AFTER_CANCEL.has(failure)) continue;
    return giveUp(failure === 'PAYMENT_DECLINED' ? 'declined' : `cancelled_${failure}`, false);
  }
  // Four tries lost to expiring holds: the platform kept this shopper from buying (counted as an error).
  giveUp('too_many_attempts', true);
}

/** Polls the sale until units are back (answers how many) or it ended (0). */
async function watchForUnits(ctx: ScenarioContext, state: FlashSaleState, headers: Record<string, string>): Promise<number> {
  ctx.recorder.step('watching');
  for (;;) {
    // A shopper on the sold-out page refreshes every few seconds.
    await sleep(2000 + Math.random() * 1000);
    if (Date.now() + state.serverOffsetMs >= state.endsAtMs) return 0;
    const sale = await ctx.client.call({ endpoint: 'watch-sale', path: `/api/flash-sales/${state.saleId}`, headers });
    if (sale?.status !== 200) continue;
    if (sale.body.status === 'ended' || sale.body.status === 'cancelled') return 0;
    if (sale.body.unitsRemaining > 0) return sale.body.unitsRemaining as number;
  }
}

/** Follows the checkout (GET /api/checkouts/:id) until its saga settles; null after a minute. */
async function followCheckout(ctx: ScenarioContext, headers: Record<string, string>, checkoutId: string): Promise<{ state: string; failure: { code: string } | null } | null> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    await sleep(500);
    const view = await ctx.client.call({ endpoint: 'checkout-status', path: `/api/checkouts/${checkoutId}`, headers });
    if (view?.status === 200 && SETTLED.has(view.body.state)) return view.body;
  }
  return null;
}

async function verifyFlashSale(ctx: ScenarioContext, state: FlashSaleState): Promise<{ invariants: Invariant[]; facts: Record<string, unknown> }> {
  const { options } = ctx;
  const { admin, sku } = state;
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  db.on('error', () => undefined);
  const invariants: Invariant[] = [];
  const check = (name: string, holds: boolean, detail: string) => invariants.push({ name, holds, detail });
  try {
    // No hold may outlive its TTL: the expiry sweep releases it (a few seconds of sweep allowed).
    const pastTtl = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM inventory.reservation_item WHERE sku = $1 AND status = 'held' AND expires_at < now() - interval '10 seconds'",
      [sku],
    );
    check('no hold past its TTL', Number(pastTtl.rows[0]!.n) === 0, `${pastTtl.rows[0]!.n} held item(s) more than 10 s past expires_at (hold TTL ${options.holdTtl} s)`);

    // Declined and abandoned checkouts give their units back: nothing stays reserved.
    let stock = (await admin.call('GET', `/api/admin/inventory/${sku}`)).body;
    const releaseDeadline = Date.now() + (options.holdTtl + 30) * 1000;
    while (stock?.reserved !== 0 && Date.now() < releaseDeadline) {
      await sleep(1000);
      stock = (await admin.call('GET', `/api/admin/inventory/${sku}`)).body;
    }
    // Checkouts whose client gave up waiting may still be running; one whose request died while
    // preparing is undone by payments' sweep only after SAGA_ABANDON_MS (120 s by default).
    const runCustomers = state.buyers.map((b) => b.customerId);
    await waitUntil(
      async () =>
        Number(
          (await db.query<{ n: string }>("SELECT count(*) AS n FROM payments.checkout WHERE customer_id = ANY($1::uuid[]) AND state NOT IN ('completed', 'cancelled', 'rejected', 'dead')", [runCustomers])).rows[0]!.n,
        ) === 0,
      'the checkouts to settle',
      options.settleSeconds * 1000,
    ).catch(() => undefined);
    const sale = (await admin.call('GET', `/api/admin/flash-sales/${state.saleId}`)).body;
    const buyers = state.buyers;
    const customerIds = runCustomers;
    // What each buyer really bought, from the engine's own records (a buyer whose client gave up
    // on a timeout may still have bought: the platform finished what it had accepted).
    const committedRows = (
      await db.query<{ customer_id: string; units: string }>(
        "SELECT customer_id, sum(quantity) AS units FROM inventory.reservation_item WHERE sku = $1 AND status = 'committed' GROUP BY customer_id",
        [sku],
      )
    ).rows;
    const committedBy = new Map(committedRows.map((r) => [r.customer_id, Number(r.units)]));
    const boughtBy = (b: Buyer) => committedBy.get(b.customerId) ?? 0;
    const confirmedUnits = buyers.reduce((s, b) => s + b.boughtUnits, 0);
    const boughtUnits = buyers.reduce((s, b) => s + boughtBy(b), 0);
    const { expected, demand } = expectedUnitsSold(
      options.units,
      options.limit,
      buyers.map((b) => ({ intent: b.intent, wants: b.wants, gaveUpOnError: b.gaveUpOnError && boughtBy(b) === 0 })),
    );

    check('no oversell', stock.committed <= options.units && sale.unitsSold <= options.units, `committed ${stock.committed}, sale unitsSold ${sale.unitsSold}, sale units ${options.units}`);
    check(
      'sold = min(units, demand within limits)',
      stock.committed === expected && sale.unitsSold === stock.committed && boughtUnits === stock.committed,
      `committed ${stock.committed}, sale unitsSold ${sale.unitsSold}, committed to the run's buyers ${boughtUnits}; expected min(${options.units}, ${demand}) = ${expected}`,
    );
    const toldWrong = buyers.filter((b) => b.boughtUnits > 0 && b.boughtUnits !== boughtBy(b));
    const declinedBought = buyers.filter((b) => b.intent !== 'approve' && boughtBy(b) > 0);
    check(
      'buyers told "confirmed" got exactly their units, and no declined card or abandoned hold bought',
      toldWrong.length === 0 && declinedBought.length === 0,
      `${toldWrong.length} confirmed buyer(s) with other units committed; ${declinedBought.length} declining/abandoning buyer(s) with units committed; ${buyers.filter((b) => b.boughtUnits === 0 && boughtBy(b) > 0).length} bought though their client gave up waiting`,
    );
    check('stock adds up', stock.onHand === stock.available + stock.reserved + stock.committed, `onHand ${stock.onHand} = available ${stock.available} + reserved ${stock.reserved} + committed ${stock.committed}`);
    check('declined and abandoned checkouts released their stock', stock.reserved === 0, `reserved ${stock.reserved} after the sale (declined ${buyers.filter((b) => b.outcome === 'declined').length}, abandoned ${buyers.filter((b) => b.outcome === 'abandoned').length})`);
    const overLimit = committedRows.filter((r) => Number(r.units) > options.limit);
    check('no customer above the limit', overLimit.length === 0, `${overLimit.length} customer(s) with more than ${options.limit} committed (most: ${Math.max(0, ...committedRows.map((r) => Number(r.units)))})`);

    // Every checkout of the run's buyers (also those whose answer the client never saw) settled,
    // and a completed one has exactly one captured charge of its amount.
    const checkouts = (
      await db.query<{ id: string; state: string; amount: number | null; current_step: string | null }>(
        'SELECT id, state, amount, current_step FROM payments.checkout WHERE customer_id = ANY($1::uuid[])',
        [customerIds],
      )
    ).rows;
    const checkoutIds = checkouts.map((c) => c.id);
    const charges = checkoutIds.length
      ? (
          await db.query<{ idempotency_key: string; status: string; amount: number; captured_amount: number; refunded_amount: number }>(
            'SELECT idempotency_key, status, amount, captured_amount, refunded_amount FROM payments.sim_charge WHERE idempotency_key = ANY($1)',
            [checkoutIds.map((id) => `${id}:authorize`)],
          )
        ).rows
      : [];
    const chargesOf = new Map<string, typeof charges>();
    for (const c of charges) {
      const id = c.idempotency_key.replace(/:authorize$/, '');
      chargesOf.set(id, [...(chargesOf.get(id) ?? []), c]);
    }
    const unsettled = checkouts.filter((c) => !SETTLED.has(c.state));
    check(
      'every checkout settled',
      unsettled.length === 0,
      `${checkouts.length} checkouts of the run's buyers (${buyers.reduce((s, b) => s + b.checkoutIds.length, 0)} answered 202 to them), ${unsettled.length} not settled${unsettled.length ? ` (${unsettled.slice(0, 5).map((c) => `${c.id}: ${c.state} at ${c.current_step}`).join(', ')})` : ''}`,
    );
    const completed = checkouts.filter((c) => c.state === 'completed');
    const badPaid = completed.filter((c) => {
      const list = chargesOf.get(c.id) ?? [];
      return list.length !== 1 || list[0]!.captured_amount !== c.amount || list[0]!.refunded_amount !== 0;
    });
    const chargedButNotSold = checkouts.filter((c) => c.state !== 'completed' && (chargesOf.get(c.id) ?? []).some((ch) => ch.captured_amount - ch.refunded_amount > 0));
    check(
      'every confirmed order paid exactly once',
      badPaid.length === 0 && chargedButNotSold.length === 0,
      `${completed.length} completed checkouts: ${badPaid.length} without exactly one captured charge of their amount; ${chargedButNotSold.length} unsold checkouts left charged`,
    );

    // The outbox relays publish everything the run wrote.
    let unpublished = -1;
    await waitUntil(async () => {
      unpublished = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM messaging.outbox_event WHERE published_at IS NULL')).rows[0]!.n);
      return unpublished === 0;
    }, 'the outbox to drain', 30_000).catch(() => undefined);
    check('outbox drained', unpublished === 0, `${unpublished} outbox event(s) unpublished 30 s after the load`);

    const after = await deadLetterPage(admin);
    const fresh = after.filter((d) => !state.deadLettersBefore.has(d.id));
    const unexplained = fresh.filter((d) => !d.error);
    check(
      'every dead letter explained',
      unexplained.length === 0,
      fresh.length === 0 ? 'no new dead letters' : `${fresh.length} new: ${fresh.slice(0, 5).map((d) => `${d.stream}/${d.group}: ${d.error || '(no error recorded)'}`).join('; ')}`,
    );

    const outcomes: Record<string, number> = {};
    for (const b of buyers) outcomes[b.outcome] = (outcomes[b.outcome] ?? 0) + 1;
    return {
      invariants,
      facts: {
        sku,
        saleId: state.saleId,
        startsAt: new Date(state.startsAtMs).toISOString(),
        endsAt: new Date(state.endsAtMs).toISOString(),
        units: options.units,
        perCustomerLimit: options.limit,
        buyers: buyers.length,
        intents: { approve: buyers.filter((b) => b.intent === 'approve').length, decline: buyers.filter((b) => b.intent === 'decline').length, abandon: buyers.filter((b) => b.intent === 'abandon').length },
        buyerOutcomes: outcomes,
        demandWithinLimits: demand,
        expectedUnitsSold: expected,
        confirmedUnits,
        unitsCommittedToBuyers: boughtUnits,
        stock,
        sale: { status: sale.status, unitsSold: sale.unitsSold, unitsRemaining: sale.unitsRemaining },
        checkouts: checkoutIds.length,
        checkoutStates: Object.fromEntries([...new Set(checkouts.map((c) => c.state))].map((st) => [st, checkouts.filter((c) => c.state === st).length])),
        newDeadLetters: fresh,
      },
    };
  } finally {
    await db.end();
  }
}

async function deadLetterPage(admin: AdminSession): Promise<Array<{ id: string; stream: string; group: string; error: string }>> {
  const res = await admin.call('GET', '/api/admin/operations/dead-letters?limit=100');
  return res.status === 200 ? res.body.items : [];
}
