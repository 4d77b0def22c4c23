import { ChaosPlatform } from './chaos-platform.js';
import { FAULTS, outcomeTable, runFault, Shoppers, type ChaosSize, type FaultOutcome } from './chaos-run.js';

/**
 * The whole chaos suite: a private platform, every fault one at a time under load, the
 * outcomes. `npm run chaos` and the CI-sized e2e test both run this, with different sizes.
 */
export async function runChaos(size: ChaosSize, log: (line: string) => void = () => undefined): Promise<{ outcomes: FaultOutcome[]; table: string }> {
  const platform = new ChaosPlatform();
  const outcomes: FaultOutcome[] = [];
  try {
    log('starting a private Postgres and Redis and the eight services under the healing runner');
    await platform.start();
    const shoppers = new Shoppers(platform);
    await shoppers.prepare();
    for (const fault of FAULTS) {
      log(`${fault.name}: ${size.checkouts} checkouts and ${size.reservations} reservations around it`);
      const outcome = await runFault(platform, shoppers, fault, size, log);
      log(`  ${outcome.passed ? 'PASS' : 'FAIL'}: ${outcome.confirmed} confirmed, ${outcome.cancelled} cancelled, ${outcome.stuck.length} stuck, new checkout ${outcome.newCheckout}`);
      outcomes.push(outcome);
    }
  } finally {
    await platform.stop();
  }
  return { outcomes, table: outcomeTable(outcomes) };
}
