import { randomUUID } from 'node:crypto';
import {
  Failed,
  failure,
  FailureCode,
  type Clock,
  type CreateDemandRuleBody,
  type DemandPriceChange,
  type DemandRule,
  type Money,
} from '@shop/contracts';
import { notFound } from '@shop/service-kit';
import type { DemandDecision, DemandRuleTerms } from '../domain/demand-rule.js';

/** A SKU's list price as the catalog sets it (what a rule starts from, and what the kill switch restores). */
export interface ListPrices {
  /** Known SKUs only; an unknown SKU is absent. */
  of(skus: readonly string[]): Promise<Map<string, Money>>;
}

/** A rule as the evaluation reads it under its lock. */
export interface LockedDemandRule extends DemandRuleTerms {
  id: string;
  sku: string;
  version: number;
}

/** What one evaluation decided and wrote. */
export interface DemandEvaluation {
  ruleId: string;
  sku: string;
  decision: DemandDecision;
}

/** Demand rules, their change log and the per-minute sales they read (Postgres, schema pricing). */
export interface DemandRuleStore {
  /** `null` when the SKU already has a rule. */
  create(rule: CreateDemandRuleBody & { id: string; createdAt: Date }): Promise<DemandRule | null>;
  get(id: string): Promise<DemandRule | null>;
  list(): Promise<DemandRule[]>;
  changes(ruleId: string): Promise<DemandPriceChange[]>;
  /**
   * The kill switch and its undo. Disabling logs the change back to the list price seen last and
   * announces it; enabling starts the rule afresh from the list price at its next evaluation.
   */
  setEnabled(id: string, enabled: boolean, at: Date): Promise<DemandRule | null>;
  /** Enabled rules whose interval has passed at `now` (candidates: the evaluation re-checks under the lock). */
  dueRules(now: Date): Promise<{ id: string; sku: string }[]>;
  /**
   * Evaluates one rule in one transaction: locks its row (a rule another instance is evaluating is
   * skipped, not waited for), re-checks it is due, measures its window's sales, stores what
   * `decide` returns, logs a change and appends `pricing.price.changed.v1` to the outbox.
   * `null` when the rule was locked elsewhere, disabled or no longer due.
   */
  evaluate(
    id: string,
    now: Date,
    decide: (rule: LockedDemandRule, unitsSold: number) => DemandDecision,
    listPrice: Money,
  ): Promise<DemandEvaluation | null>;
  /** Sales buckets older than the longest window are of no use: dropped. */
  pruneSales(before: Date): Promise<number>;
}

/** The demand-pricing use cases: admin commands and reads, and the evaluation of due rules. */
export class DemandPricing {
  constructor(
    private readonly store: DemandRuleStore,
    private readonly listPrices: ListPrices,
    private readonly clock: Clock,
    private readonly decide: (rule: LockedDemandRule, input: { listPrice: number; unitsSold: number; now: Date }) => DemandDecision,
    /** Tells every instance's price caches that a price changed (after the change committed). */
    private readonly pricesChanged: () => Promise<void> = async () => undefined,
  ) {}

  async create(body: CreateDemandRuleBody): Promise<DemandRule> {
    const created = await this.store.create({ ...body, id: randomUUID(), createdAt: this.clock.now() });
    if (!created) {
      throw new Failed(failure(FailureCode.CONFLICT, `SKU ${body.sku} already has a demand rule`, { field: 'sku', sku: body.sku }));
    }
    return created;
  }

  list(): Promise<DemandRule[]> {
    return this.store.list();
  }

  async get(id: string): Promise<DemandRule> {
    const rule = await this.store.get(id);
    if (!rule) throw notFound(`No demand rule ${id}`);
    return rule;
  }

  async changes(id: string): Promise<DemandPriceChange[]> {
    await this.get(id);
    return this.store.changes(id);
  }

  async setEnabled(id: string, enabled: boolean): Promise<DemandRule> {
    const rule = await this.store.setEnabled(id, enabled, this.clock.now());
    if (!rule) throw notFound(`No demand rule ${id}`);
    await this.pricesChanged();
    return rule;
  }

  /**
   * One pass of the evaluation job: every due rule is decided once. Safe to run on every instance
   * at once (each rule is taken under a row lock and re-checked). A SKU the catalog does not know
   * (yet) is left for a later pass.
   */
  async evaluateDue(): Promise<DemandEvaluation[]> {
    const now = this.clock.now();
    const due = await this.store.dueRules(now);
    if (due.length === 0) return [];
    const prices = await this.listPrices.of(due.map((r) => r.sku));
    const results: DemandEvaluation[] = [];
    try {
      for (const candidate of due) {
        const listPrice = prices.get(candidate.sku);
        if (!listPrice) continue;
        const result = await this.store.evaluate(
          candidate.id,
          now,
          (rule, unitsSold) => this.decide(rule, { listPrice: listPrice.amount, unitsSold, now }),
          listPrice,
        );
        if (result) results.push(result);
      }
    } finally {
      // Any evaluation may have set a price (a first one sets it even when it equals the list price),
      // and also when a later rule failed, what committed must reach the caches.
      if (results.length > 0) await this.pricesChanged();
    }
    // The longest window is 1,440 minutes (CreateDemandRuleBody).
    await this.store.pruneSales(new Date(now.getTime() - 1_441 * 60_000));
    return results;
  }
}
