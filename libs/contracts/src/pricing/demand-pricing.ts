import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';

/**
 * Demand pricing: a rule moves a SKU's price between `floor` and `ceiling` (minor units of the
 * SKU's currency) from its sell-through rate — units sold per hour over the last window, followed
 * from inventory's committed reservations — at most once every `intervalMinutes`. Above
 * `raiseAbovePerHour` the price rises by `stepPercent`, below `lowerBelowPerHour` it falls by it.
 * Every change is logged with its reason; `enabled: false` is the kill switch (the list price applies).
 */
export const CreateDemandRuleBody = z
  .strictObject({
    sku: Sku,
    floor: z.number().int('must be an integer amount of minor units').min(1, 'must be at least 1'),
    ceiling: z.number().int('must be an integer amount of minor units').min(1, 'must be at least 1'),
    stepPercent: z.number().int().min(1).max(50).default(5),
    intervalMinutes: z.number().int().min(1).max(1440).default(15),
    raiseAbovePerHour: z.number().min(0),
    lowerBelowPerHour: z.number().min(0),
    enabled: z.boolean().default(true),
  })
  .refine((b) => b.floor <= b.ceiling, { message: 'must not be below floor', path: ['ceiling'] })
  .refine((b) => b.lowerBelowPerHour <= b.raiseAbovePerHour, { message: 'must not be above raiseAbovePerHour', path: ['lowerBelowPerHour'] });
export type CreateDemandRuleBody = z.infer<typeof CreateDemandRuleBody>;

export const UpdateDemandRuleBody = z.strictObject({ enabled: z.boolean() });
export type UpdateDemandRuleBody = z.infer<typeof UpdateDemandRuleBody>;

export const DemandRule = z.object({
  id: z.uuid(),
  sku: Sku,
  floor: z.number().int(),
  ceiling: z.number().int(),
  stepPercent: z.number().int(),
  intervalMinutes: z.number().int(),
  raiseAbovePerHour: z.number(),
  lowerBelowPerHour: z.number(),
  enabled: z.boolean(),
  /** The price the rule sets now (null until its first evaluation). */
  currentPrice: z.number().int().nullable(),
  lastEvaluatedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type DemandRule = z.infer<typeof DemandRule>;

export const DemandPriceChange = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  sku: Sku,
  from: z.number().int(),
  to: z.number().int(),
  /** Units per hour measured, and the words: "sold 42/h, above 30/h: +5%, capped at ceiling". */
  sellThroughPerHour: z.number(),
  reason: z.string(),
  at: z.iso.datetime(),
});
export type DemandPriceChange = z.infer<typeof DemandPriceChange>;
