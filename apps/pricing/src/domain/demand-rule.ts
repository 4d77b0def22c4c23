/**
 * Demand pricing, decided: from a rule, the price it set last (or the list price on its first
 * evaluation) and the units sold over its window, the next price and the words that explain it.
 * Pure: the caller passes the time and the measured sales.
 */

/** What the decision reads of a rule (the stored rule has more). */
export interface DemandRuleTerms {
  /** Minor units of the SKU's currency; floor ≤ ceiling. */
  floor: number;
  ceiling: number;
  stepPercent: number;
  /** The rule moves the price at most once per interval, measured over the same length of time. */
  intervalMinutes: number;
  raiseAbovePerHour: number;
  lowerBelowPerHour: number;
  enabled: boolean;
  /** The price the rule set last; null before its first evaluation. */
  currentPrice: number | null;
  lastEvaluatedAt: Date | null;
}

export interface DemandEvaluationInput {
  /** The SKU's list price now (minor units): where a first evaluation starts. */
  listPrice: number;
  /** Units sold over the last `intervalMinutes`. */
  unitsSold: number;
  now: Date;
}

export type DemandDecision =
  | { kind: 'not-due'; reason: string }
  | {
      kind: 'evaluated';
      /** The price in force before this evaluation (the list price on the first one). */
      from: number;
      to: number;
      changed: boolean;
      sellThroughPerHour: number;
      direction: 'raise' | 'lower' | 'hold';
      reason: string;
    };

const MS_PER_MINUTE = 60_000;

export function clampPrice(price: number, terms: Pick<DemandRuleTerms, 'floor' | 'ceiling'>): number {
  return Math.min(terms.ceiling, Math.max(terms.floor, price));
}

/** Whether an enabled rule may move its price at `now` (never evaluated, or its interval has passed). */
export function isDue(terms: Pick<DemandRuleTerms, 'enabled' | 'lastEvaluatedAt' | 'intervalMinutes'>, now: Date): boolean {
  if (!terms.enabled) return false;
  if (terms.lastEvaluatedAt === null) return true;
  return now.getTime() - terms.lastEvaluatedAt.getTime() >= terms.intervalMinutes * MS_PER_MINUTE;
}

/** Units per hour from units sold over a window of `windowMinutes`, rounded to 0.1 for people. */
export function sellThroughPerHour(unitsSold: number, windowMinutes: number): number {
  return Math.round(((unitsSold * 60) / windowMinutes) * 10) / 10;
}

/**
 * A step up rounds up and a step down rounds down, so a step always moves a price by at least one
 * minor unit (5% of 10 cents would otherwise round back to 10 forever).
 */
function stepped(price: number, stepPercent: number, direction: 'raise' | 'lower'): number {
  return direction === 'raise'
    ? Math.ceil((price * (100 + stepPercent)) / 100)
    : Math.floor((price * (100 - stepPercent)) / 100);
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const amount = (n: number) => grouped.format(n);

/**
 * The next price of a rule. Above `raiseAbovePerHour` it rises by `stepPercent`, below
 * `lowerBelowPerHour` it falls by it, in between it holds; the result never leaves
 * [floor, ceiling]. A first evaluation starts from the list price, clamped into the bounds.
 */
export function decideDemandPrice(terms: DemandRuleTerms, input: DemandEvaluationInput): DemandDecision {
  if (!terms.enabled) return { kind: 'not-due', reason: 'the rule is disabled' };
  if (!isDue(terms, input.now)) {
    return { kind: 'not-due', reason: `evaluated less than ${terms.intervalMinutes} min ago` };
  }
  const first = terms.currentPrice === null;
  const from = terms.currentPrice ?? input.listPrice;
  const start = clampPrice(from, terms);
  const perHour = sellThroughPerHour(input.unitsSold, terms.intervalMinutes);

  const direction: 'raise' | 'lower' | 'hold' =
    perHour > terms.raiseAbovePerHour ? 'raise' : perHour < terms.lowerBelowPerHour ? 'lower' : 'hold';
  const target = direction === 'hold' ? start : stepped(start, terms.stepPercent, direction);
  const to = clampPrice(target, terms);

  const words = [`sold ${amount(perHour)}/h over the last ${terms.intervalMinutes} min`];
  if (direction === 'raise') words.push(`above ${amount(terms.raiseAbovePerHour)}/h: +${terms.stepPercent}% to ${amount(to)}`);
  else if (direction === 'lower') words.push(`below ${amount(terms.lowerBelowPerHour)}/h: -${terms.stepPercent}% to ${amount(to)}`);
  else words.push(`between ${amount(terms.lowerBelowPerHour)}/h and ${amount(terms.raiseAbovePerHour)}/h: held at ${amount(to)}`);
  let reason = words.join(', ');
  if (first) {
    reason += start === from ? `, starting from the list price ${amount(from)}` : `, starting from the list price ${amount(from)} brought to ${amount(start)}`;
  }
  // The bounds bit when the step (or the list price of a first evaluation) went past them.
  if (to === terms.ceiling && (target > terms.ceiling || from > terms.ceiling)) reason += ', capped at the ceiling';
  else if (to === terms.floor && (target < terms.floor || from < terms.floor)) reason += ', held at the floor';

  return { kind: 'evaluated', from, to, changed: to !== from, sellThroughPerHour: perHour, direction, reason };
}
