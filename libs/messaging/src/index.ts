export { createEvent, causedBy, type NewEvent, type EventTypeDefinition } from './create-event.js';
export { EventBus, DEFAULT_STREAM_MAX_LEN, type EventBusOptions } from './event-bus.js';
export { streamKey, deadLetterKey } from './stream-keys.js';
export { parseGroupsReply, type GroupInfo } from './stream-replies.js';
export {
  createRedis,
  duplicateRedis,
  parseClusterNodes,
  redisConnected,
  redisConnectionFromEnv,
  scanKeys,
  type RedisClient,
  type RedisClientOptions,
  type RedisConnectionConfig,
} from './redis-client.js';
export {
  StreamConsumer,
  type StreamConsumerOptions,
  type EventHandler,
  type DeliveryContext,
  type StreamBacklog,
} from './stream-consumer.js';
export { registerStreamConsumerMetrics } from './stream-metrics.js';
export { PoisonMessageError } from './poison-message-error.js';
export { startWhenReachable } from './start-when-reachable.js';
export { on, routeEvents, type EventRoute, type RouteEventsOptions } from './event-router.js';
export {
  readDeadLetters,
  readDeadLettersNewestFirst,
  findDeadLetter,
  deadLetterStreams,
  redeliverDeadLetter,
  discardDeadLetter,
  REDELIVER_TO_FIELD,
  REDELIVERED_FROM_FIELD,
  type DeadLetter,
} from './dead-letters.js';
export {
  ProcessedEvents,
  idempotent,
  type RunOnceResult,
  type TransactionalEventHandler,
} from './processed-events.js';
export { ProcessedEventRetention, type ProcessedEventRetentionOptions } from './processed-event-retention.js';
export { appendToOutbox, OUTBOX_CHANNEL, type AppendToOutboxOptions } from './outbox.js';
export { OutboxRelay, type OutboxRelayOptions, type RelayBatchResult, type OutboxBacklog } from './outbox-relay.js';
export { registerOutboxMetrics } from './outbox-metrics.js';
export {
  createQueue,
  createWorker,
  bullPrefix,
  type JobQueueConnection,
  type CreateQueueOptions,
  type CreateWorkerOptions,
  type ManagedQueue,
  type ManagedWorker,
} from './job-queues.js';
export { activeTraceparent, contextFromTraceparent } from './trace-context.js';
export { silentLogger, type LibraryLogger as MessagingLogger } from '@shop/observability';
