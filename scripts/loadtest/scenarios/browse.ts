// Shoppers browsing: each arrival lists products, searches and reads the flash sales, as the
// storefront's pages do. The same engine and figures as flash-sale, three shapes of load:
//   steady-browse  a short ramp then --rate for --duration;
//   spike          --rate, then --spike × --rate for a fifth of --duration, then --rate again (does it recover?);
//   soak           --rate held for a long --duration (default 600 s): slow leaks and drifts show as latency over time.
// Afterwards: the platform still answers ready, and the run added no dead letter without a reason.
import type { Invariant, RunOptions, Scenario, ScenarioContext } from '../scenario.js';
import type { Stage } from '../schedule.js';
import { adminSession, deadLetterIds, type AdminSession } from '../platform-api.js';

const SEARCHES = ['hoodie', 'organic cotton', 'tee', 'jacket', 'socks', 'wool', 'shoes', 'cap'];

interface BrowseState {
  admin: AdminSession;
  deadLettersBefore: Set<string>;
}

async function browseSession(ctx: ScenarioContext, index: number, dueAt: number): Promise<void> {
  const headers = ctx.shopperHeaders(index);
  ctx.recorder.step('arrived');
  const list = await ctx.client.call({ endpoint: 'list-products', path: `/api/products?limit=20`, headers, dueAt });
  if (list?.status !== 200) return ctx.recorder.refused(`list products: ${list?.status ?? 'no answer'}`);
  ctx.recorder.step('listed products');
  const q = SEARCHES[index % SEARCHES.length]!;
  const search = await ctx.client.call({ endpoint: 'search', path: `/api/search?q=${encodeURIComponent(q)}`, headers });
  if (search?.status !== 200) return ctx.recorder.refused(`search: ${search?.status ?? 'no answer'}`);
  ctx.recorder.step('searched');
  const sales = await ctx.client.call({ endpoint: 'flash-sales', path: '/api/flash-sales', headers });
  if (sales?.status !== 200) return ctx.recorder.refused(`flash sales: ${sales?.status ?? 'no answer'}`);
  ctx.recorder.step('read flash sales');
}

function browseScenario(name: string, summary: string, stages: (o: RunOptions) => Stage[]): Scenario<BrowseState> {
  return {
    name,
    summary,
    knobs: ['--rate', '--duration', ...(name === 'spike' ? ['--spike'] : [])],
    stages,
    async setup(ctx) {
      const admin = await adminSession(ctx);
      return { admin, deadLettersBefore: await deadLetterIds(admin) };
    },
    session: (ctx, _state, index, _arrival, dueAt) => browseSession(ctx, index, dueAt),
    async verify(ctx, state) {
      const invariants: Invariant[] = [];
      const ready = await ctx.client.call({ endpoint: 'setup', path: '/health/ready', stage: 'setup' });
      invariants.push({ name: 'the gateway is ready after the load', holds: ready?.status === 200, detail: `GET /health/ready: ${ready?.status ?? 'no answer'}` });
      const after = await state.admin.call('GET', '/api/admin/operations/dead-letters?limit=100');
      const fresh = (after.status === 200 ? (after.body.items as Array<{ id: string; stream: string; group: string; error: string }>) : []).filter((d) => !state.deadLettersBefore.has(d.id));
      invariants.push({
        name: 'every dead letter explained',
        holds: fresh.every((d) => d.error),
        detail: fresh.length === 0 ? 'no new dead letters' : `${fresh.length} new: ${fresh.slice(0, 5).map((d) => `${d.stream}/${d.group}: ${d.error || '(no error recorded)'}`).join('; ')}`,
      });
      return { invariants, facts: { newDeadLetters: fresh } };
    },
  };
}

export const steadyBrowse = browseScenario('steady-browse', 'shoppers browsing (products, search, flash sales) at a steady --rate after a short ramp', (o) => {
  const ramp = Math.max(1, Math.round(o.duration * 0.1));
  return [
    { name: 'ramp', seconds: ramp, fromRate: o.rate / 5, toRate: o.rate },
    { name: 'steady', seconds: Math.max(1, o.duration - ramp), fromRate: o.rate, toRate: o.rate },
  ];
});

export const spike = browseScenario('spike', 'browsing at --rate, a spike of --spike × --rate for a fifth of --duration, then --rate again (recovery)', (o) => {
  const spikeSeconds = Math.max(1, Math.round(o.duration / 5));
  const before = Math.max(1, Math.round((o.duration - spikeSeconds) / 2));
  return [
    { name: 'before', seconds: before, fromRate: o.rate, toRate: o.rate },
    { name: 'spike', seconds: spikeSeconds, fromRate: o.rate * o.spike, toRate: o.rate * o.spike },
    { name: 'recovery', seconds: Math.max(1, o.duration - before - spikeSeconds), fromRate: o.rate, toRate: o.rate },
  ];
});

export const soak = browseScenario('soak', 'browsing at --rate held for a long --duration (default 600 s): latency over time shows leaks and drift', (o) => [
  { name: 'soak', seconds: o.duration, fromRate: o.rate, toRate: o.rate },
]);
