import { randomUUID } from 'node:crypto';
import { PriceChangedV1, type CreateDemandRuleBody, type DemandPriceChange, type DemandRule, type Money } from '@shop/contracts';
import { appendToOutbox, createEvent } from '@shop/messaging';
import { pgPoolOf, Prisma, queryNamed, withTransaction, type PrismaClient, type Tx } from '@shop/persistence';
import type { DemandEvaluation, DemandRuleStore, LockedDemandRule } from '../application/demand-pricing.js';
import type { AllDemandPrices } from '../application/demand-price-cache.js';
import type { DemandPrice } from '../application/price-inputs.js';
import { PRICING_SOURCE } from '../application/pricing-source.js';
import type { DemandDecision } from '../domain/demand-rule.js';

interface DemandRuleRow {
  id: string;
  sku: string;
  floor: number;
  ceiling: number;
  stepPercent: number;
  intervalMinutes: number;
  raiseAbovePerHour: number;
  lowerBelowPerHour: number;
  enabled: boolean;
  currentPrice: number | null;
  listPriceSeen: number | null;
  lastEvaluatedAt: Date | null;
  version: number;
  createdAt: Date;
}

function toRule(row: DemandRuleRow): DemandRule {
  return {
    id: row.id,
    sku: row.sku,
    floor: row.floor,
    ceiling: row.ceiling,
    stepPercent: row.stepPercent,
    intervalMinutes: row.intervalMinutes,
    raiseAbovePerHour: row.raiseAbovePerHour,
    lowerBelowPerHour: row.lowerBelowPerHour,
    enabled: row.enabled,
    currentPrice: row.currentPrice,
    lastEvaluatedAt: row.lastEvaluatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function announce(tx: Tx, rule: { id: string; sku: string; version: number }, reason: string, at: Date): Promise<void> {
  const event = createEvent(PriceChangedV1, {
    aggregateId: rule.sku,
    version: rule.version,
    payload: { skus: [rule.sku], reason },
    source: PRICING_SOURCE,
    occurredAt: at,
  });
  await appendToOutbox(tx, event, PRICING_SOURCE);
}

/** Demand rules in Postgres (schema pricing); also the quote's source of demand prices. */
export class DemandRuleRepository implements DemandRuleStore, AllDemandPrices {
  constructor(private readonly prisma: PrismaClient) {}

  async create(rule: CreateDemandRuleBody & { id: string; createdAt: Date }): Promise<DemandRule | null> {
    try {
      const row = await this.prisma.demandRule.create({
        data: {
          id: rule.id,
          sku: rule.sku,
          floor: rule.floor,
          ceiling: rule.ceiling,
          stepPercent: rule.stepPercent,
          intervalMinutes: rule.intervalMinutes,
          raiseAbovePerHour: rule.raiseAbovePerHour,
          lowerBelowPerHour: rule.lowerBelowPerHour,
          enabled: rule.enabled,
          createdAt: rule.createdAt,
        },
      });
      return toRule(row);
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return null;
      throw err;
    }
  }

  async get(id: string): Promise<DemandRule | null> {
    const row = await this.prisma.demandRule.findUnique({ where: { id } });
    return row ? toRule(row) : null;
  }

  async list(): Promise<DemandRule[]> {
    // Bounded by the number of SKUs with a rule: one per SKU, set by hand.
    const rows = await this.prisma.demandRule.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
    return rows.map(toRule);
  }

  async changes(ruleId: string): Promise<DemandPriceChange[]> {
    const rows = await this.prisma.demandPriceChange.findMany({ where: { ruleId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 500 });
    return rows.map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      sku: r.sku,
      from: r.fromPrice,
      to: r.toPrice,
      sellThroughPerHour: r.sellThroughPerHour,
      reason: r.reason,
      at: r.at.toISOString(),
    }));
  }

  async setEnabled(id: string, enabled: boolean, at: Date): Promise<DemandRule | null> {
    return withTransaction(this.prisma, async (tx) => {
      const [locked] = await tx.$queryRaw<DemandRuleRow[]>`
        SELECT id, sku, enabled, current_price AS "currentPrice", list_price_seen AS "listPriceSeen", version
        FROM pricing.demand_rule WHERE id = ${id}::uuid FOR UPDATE`;
      if (!locked) return null;
      if (locked.enabled === enabled) return toRule(await tx.demandRule.findUniqueOrThrow({ where: { id } }));
      const row = await tx.demandRule.update({
        where: { id },
        // Re-enabled, a rule starts again from the list price: an old demand price is not brought back.
        data: enabled ? { enabled, currentPrice: null, lastEvaluatedAt: null, version: { increment: 1 } } : { enabled, version: { increment: 1 } },
      });
      const reason = 'kill switch: rule disabled by an admin, the list price applies';
      const current = locked.currentPrice;
      if (!enabled && current !== null) {
        // Logged only when the rule had set a price: that price stops applying now.
        await tx.demandPriceChange.create({
          data: { id: randomUUID(), ruleId: id, sku: row.sku, fromPrice: current, toPrice: locked.listPriceSeen ?? current, sellThroughPerHour: 0, reason, at },
        });
        await announce(tx, row, reason, at);
      }
      return toRule(row);
    });
  }

  async dueRules(now: Date): Promise<{ id: string; sku: string }[]> {
    return this.prisma.$queryRaw<{ id: string; sku: string }[]>`
      SELECT id, sku FROM pricing.demand_rule
      WHERE enabled AND (last_evaluated_at IS NULL OR last_evaluated_at + make_interval(mins => interval_minutes) <= ${now})
      ORDER BY last_evaluated_at NULLS FIRST, id
      LIMIT 1000`;
  }

  async evaluate(
    id: string,
    now: Date,
    decide: (rule: LockedDemandRule, unitsSold: number) => DemandDecision,
    listPrice: Money,
  ): Promise<DemandEvaluation | null> {
    return withTransaction(this.prisma, async (tx) => {
      // SKIP LOCKED: another instance is evaluating this rule (or an admin is switching it): leave it.
      const [rule] = await tx.$queryRaw<DemandRuleRow[]>`
        SELECT id, sku, floor, ceiling, step_percent AS "stepPercent", interval_minutes AS "intervalMinutes",
               raise_above_per_hour AS "raiseAbovePerHour", lower_below_per_hour AS "lowerBelowPerHour",
               enabled, current_price AS "currentPrice", last_evaluated_at AS "lastEvaluatedAt", version
        FROM pricing.demand_rule WHERE id = ${id}::uuid FOR UPDATE SKIP LOCKED`;
      if (!rule) return null;
      const [sold] = await tx.$queryRaw<{ units: bigint | null }[]>`
        SELECT sum(units) AS units FROM pricing.demand_sales_minute
        WHERE sku = ${rule.sku}
          AND minute >= ${new Date(now.getTime() - rule.intervalMinutes * 60_000)}
          AND minute < ${now}`;
      const decision = decide(rule, Number(sold?.units ?? 0));
      if (decision.kind !== 'evaluated') return null;
      const version = rule.version + 1;
      await tx.demandRule.update({
        where: { id },
        data: { currentPrice: decision.to, listPriceSeen: listPrice.amount, currency: listPrice.currency, lastEvaluatedAt: now, version },
      });
      if (decision.changed) {
        await tx.demandPriceChange.create({
          data: {
            id: randomUUID(),
            ruleId: id,
            sku: rule.sku,
            fromPrice: decision.from,
            toPrice: decision.to,
            sellThroughPerHour: decision.sellThroughPerHour,
            reason: decision.reason,
            at: now,
          },
        });
        await announce(tx, { id, sku: rule.sku, version }, decision.reason, now);
      }
      return { ruleId: id, sku: rule.sku, decision };
    });
  }

  async pruneSales(before: Date): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM pricing.demand_sales_minute WHERE minute < ${before}`;
  }

  /** Every enabled rule's price (what DemandPriceCache holds). */
  async allCurrent(): Promise<Map<string, DemandPrice>> {
    const rows = await this.prisma.demandRule.findMany({
      where: { enabled: true, currentPrice: { not: null } },
      select: { id: true, sku: true, currentPrice: true },
    });
    return new Map(rows.map((r) => [r.sku, { ruleId: r.id, sku: r.sku, amount: r.currentPrice as number }]));
  }

  /** The quote's read: enabled rules that have set a price (the kill switch removes a rule at once). */
  async currentFor(skus: readonly string[]): Promise<Map<string, DemandPrice>> {
    if (skus.length === 0) return new Map();
    const rows = await this.prisma.demandRule.findMany({
      where: { sku: { in: [...skus] }, enabled: true, currentPrice: { not: null } },
      select: { id: true, sku: true, currentPrice: true },
    });
    return new Map(rows.map((r) => [r.sku, { ruleId: r.id, sku: r.sku, amount: r.currentPrice as number }]));
  }
}

/**
 * Adds committed units to the SKU's minute bucket, for SKUs that have a rule only (the table
 * stays as small as the rules), once per event: the record that `consumer` processed the event
 * and the units are written by ONE statement, so a redelivery adds nothing and a crash between
 * the two cannot happen. (An interactive transaction cost four round trips per event.)
 */
export async function recordCommittedSalesOnce(
  prisma: PrismaClient,
  once: { consumer: string; eventId: string },
  items: readonly { sku: string; quantity: number }[],
  at: Date,
): Promise<void> {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const skus = items.map((i) => i.sku);
  const quantities = items.map((i) => i.quantity);
  // Once per committed checkout: a named prepared statement through pg, not Prisma's layer.
  await queryNamed(pgPoolOf(prisma), 'pricing_committed_sales_once', RECORD_COMMITTED_SALES_SQL, [once.consumer, once.eventId, minute, skus, quantities]);
}

const RECORD_COMMITTED_SALES_SQL = `
  WITH first_time AS (
    INSERT INTO messaging.processed_event (consumer, event_id) VALUES ($1::text, $2::uuid)
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  INSERT INTO pricing.demand_sales_minute (sku, minute, units)
  SELECT s.sku, $3::timestamptz, sum(s.quantity)
  FROM unnest($4::text[], $5::int[]) AS s(sku, quantity)
  WHERE EXISTS (SELECT 1 FROM first_time) AND EXISTS (SELECT 1 FROM pricing.demand_rule r WHERE r.sku = s.sku)
  GROUP BY s.sku
  ON CONFLICT (sku, minute) DO UPDATE SET units = demand_sales_minute.units + EXCLUDED.units`;
