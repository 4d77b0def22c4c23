import type { Clock } from '@shop/contracts';
import { initTracing } from '@shop/observability';

/**
 * A service's `main`: tracing first, then start it; a service that cannot start (bad
 * configuration, a weak secret, a port in use) says why in one line and exits 1.
 */
export async function runService(name: string, start: () => Promise<{ url: string; logger: { info(fields: object, message: string): void } }>): Promise<void> {
  initTracing({ service: name });
  try {
    const service = await start();
    service.logger.info({ url: service.url }, `${name} listening`);
  } catch (err) {
    console.error(`${name} could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

/** What tests may replace when they start a service in-process (every service accepts these). */
export interface ServiceOverrides {
  /** Default: the system clock. */
  clock?: Clock;
  /** Default true: SIGTERM/SIGINT shut the service down (tests stop it themselves). */
  handleSignals?: boolean;
}
