import { EventEnvelope, streamOf } from '@shop/contracts';
import type { Prisma, Tx } from '@shop/persistence';

/** The NOTIFY channel an `OutboxRelay` with `listen` wakes on; the payload is the source. */
export const OUTBOX_CHANNEL = 'messaging_outbox';

/** First key of the advisory locks this library takes (the second is a hash of a name). */
export const OUTBOX_AGGREGATE_LOCK = 0x6f757461; // 'outa'
export const OUTBOX_RELAY_LOCK = 0x6f757472; // 'outr'

export interface AppendToOutboxOptions {
  /**
   * NOTIFY waiting relays at commit for low latency. Off by default: a committing transaction
   * that notified takes a database-wide lock, which costs under flash-sale write rates; relays
   * poll anyway.
   */
  notify?: boolean;
}

/**
 * Records an event in the caller's transaction: it is published if and only if the transaction
 * commits. Call it after the aggregate's own writes.
 *
 * It also takes a transaction-level lock on the aggregate id, so two transactions appending for
 * the same aggregate commit in the order they got their outbox ids: the relay, which publishes
 * in id order, can then never see a later event of an aggregate without the earlier one.
 */
export async function appendToOutbox(
  tx: Tx,
  envelope: EventEnvelope,
  source: string,
  options: AppendToOutboxOptions = {},
): Promise<void> {
  const valid = EventEnvelope.parse(envelope);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OUTBOX_AGGREGATE_LOCK}::int4, hashtext(${valid.aggregateId}))`;
  await tx.outboxEvent.create({
    data: {
      eventId: valid.eventId,
      source,
      stream: streamOf(valid.eventType),
      eventType: valid.eventType,
      aggregateId: valid.aggregateId,
      envelope: envelope as unknown as Prisma.InputJsonValue,
    },
  });
  if (options.notify) await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, ${source})`;
}
