import type { Clock } from '@shop/contracts';
import { DueTimeLoop, type Logger } from '@shop/service-kit';
import type { Indexer } from '../application/indexer.js';
import { PRICE_READ_BATCH, type PriceFeed } from '../application/price-feed.js';

export interface PriceWindowSweeperOptions {
  /** Longest pause between two passes (another instance's marks and retries are seen at this pace). */
  intervalMs: number;
}

/**
 * Reads pricing again for the SKUs whose stored price is due — a scheduled price, price list or
 * flash sale window opens or closes (`until`), a change was announced, a failed read is retried —
 * at that instant (the next one is read from the database, so a restart loses nothing) or after
 * `intervalMs`, whichever comes first, by the service's clock. A price read here that holds until
 * an earlier instant than the timer's brings the pass forward (`wakeAt`). Every search instance
 * runs one; a SKU is claimed by one instance at a time.
 */
export function priceWindowSweeper(
  deps: { indexer: Pick<Indexer, 'readDuePrices'>; prices: Pick<PriceFeed, 'nextDue'>; clock: Clock; logger: Logger },
  options: PriceWindowSweeperOptions,
): DueTimeLoop {
  const pass = async (stopped: () => boolean): Promise<Date | null> => {
    // Every due SKU, a batch at a time; then sleep until the next one is due.
    while ((await deps.indexer.readDuePrices()) === PRICE_READ_BATCH && !stopped());
    return deps.prices.nextDue();
  };
  return new DueTimeLoop(pass, deps, { intervalMs: options.intervalMs, failureMessage: 'price window sweep failed; retrying' });
}
