import type { Clock } from '@shop/contracts';
import { DueTimeLoop, type Logger } from '@shop/service-kit';
import type { FlashSaleService } from '../application/flash-sale-service.js';

export interface FlashSaleSweeperOptions {
  /** Longest pause between two sweeps (repairs and sell-out checks happen at this pace). */
  intervalMs: number;
}

/**
 * Runs the flash-sale sweep in a loop: at the next start or end of a sale (read from the
 * database, so a restart loses nothing) or after `intervalMs`, whichever comes first, and at once
 * when this instance scheduled or changed a sale (`wakeAt()`). Every pricing instance runs one; the
 * store makes each life event once-only, so they never double. Another instance learns of a new
 * sale at its next pass (within `intervalMs`), which only matters if the one that scheduled it died.
 */
export function flashSaleSweeper(
  sales: Pick<FlashSaleService, 'sweep' | 'nextBoundary'>,
  clock: Clock,
  logger: Logger,
  options: FlashSaleSweeperOptions,
): DueTimeLoop {
  const pass = async (): Promise<Date | null> => {
    await sales.sweep();
    return sales.nextBoundary();
  };
  return new DueTimeLoop(pass, { clock, logger }, { intervalMs: options.intervalMs, failureMessage: 'flash sale sweep failed; retrying' });
}
