import { errorMessage, type LibraryLogger } from '@shop/observability';
import type { StreamConsumer } from './stream-consumer.js';

/**
 * Starts a consumer, and while Redis cannot be reached (a service booting during an outage) keeps
 * trying in the background, so the service still starts and follows the stream once Redis is back.
 */
export function startWhenReachable(consumer: Pick<StreamConsumer, 'start' | 'group'>, logger: LibraryLogger, retryMs = 2000): void {
  consumer.start().catch((err: unknown) => {
    logger.warn({ err: errorMessage(err), group: consumer.group }, 'consumer cannot start yet; retrying');
    setTimeout(() => startWhenReachable(consumer, logger, retryMs), retryMs).unref();
  });
}
