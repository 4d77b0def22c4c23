import type { EventEnvelope } from '@shop/contracts';
import type { PrismaClient } from '@shop/persistence';
// The transaction helper alone: it loads none of Prisma's client, which a service without Prisma (inventory) never needs.
import { type TransactionOptions, type Tx, withTransaction } from '@shop/persistence/transaction';
import type { DeliveryContext, EventHandler } from './stream-consumer.js';

export type RunOnceResult<T> = { status: 'processed'; result: T } | { status: 'duplicate' };

/**
 * The record of events a consumer has already handled (messaging.processed_event). Delivery is
 * at least once; recording the event id in the same transaction as the handler's writes makes
 * the effect exactly once.
 */
export class ProcessedEvents {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Runs `fn` in a transaction that first records (consumer, eventId). When the pair is already
   * recorded, `fn` is skipped. A concurrent duplicate waits on the first one's row and skips once
   * it commits (or runs, if the first rolls back). `fn` may be re-run on a serialization failure
   * or deadlock, so it must only write through `tx`.
   */
  async runOnce<T>(
    consumer: string,
    eventId: string,
    fn: (tx: Tx) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<RunOnceResult<T>> {
    return withTransaction(
      this.prisma,
      async (tx): Promise<RunOnceResult<T>> => {
        // ON CONFLICT DO NOTHING: a duplicate inserts nothing instead of aborting the transaction.
        const { count } = await tx.processedEvent.createMany({ data: [{ consumer, eventId }], skipDuplicates: true });
        if (count === 0) return { status: 'duplicate' };
        return { status: 'processed', result: await fn(tx) };
      },
      options,
    );
  }

  /** Whether `consumer` has handled `eventId` (for diagnostics and tests). */
  async has(consumer: string, eventId: string): Promise<boolean> {
    const row = await this.prisma.processedEvent.findUnique({ where: { consumer_eventId: { consumer, eventId } } });
    return row !== null;
  }
}

/** A handler that writes its effects through the transaction that records the event as processed. */
export type TransactionalEventHandler = (envelope: EventEnvelope, tx: Tx, delivery: DeliveryContext) => Promise<void>;

/**
 * Wraps a transactional handler into a `StreamConsumer` handler that runs each event once per
 * `consumer` name (use the consumer group's name). Redeliveries are acknowledged without effect.
 */
export function idempotent(
  processed: ProcessedEvents,
  consumer: string,
  handler: TransactionalEventHandler,
  options?: TransactionOptions,
): EventHandler {
  return async (envelope, delivery) => {
    await processed.runOnce(consumer, envelope.eventId, (tx) => handler(envelope, tx, delivery), options);
  };
}
