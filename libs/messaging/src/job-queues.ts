import { type DefaultJobOptions, type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import { createRedis, type RedisClient, type RedisConnectionConfig } from './redis-client.js';

export interface JobQueueConnection extends RedisConnectionConfig {
  /** The deployment's (or test run's) key prefix; see `bullPrefix`. */
  prefix: string;
  /**
   * Told of connection errors (Redis down or its link dropped). The connection reconnects with
   * ioredis' backoff on its own; without a listener BullMQ or ioredis would print or throw them.
   */
  onError?: (error: Error) => void;
}

/**
 * BullMQ's key prefix for a queue: `<prefix>bull:{<name>}`. BullMQ's scripts touch many keys of
 * one queue at once, so on Redis Cluster they must share a slot (BullMQ's rule: the prefix is a
 * hash tag, `{...}`, so every key of the queue starts with it): the hash tag is the queue name,
 * which spreads different queues over the cluster. (Flows whose parent and children sit in
 * different queues would need one shared tag instead.)
 */
export function bullPrefix(prefix: string, name: string): string {
  return `${prefix}bull:{${name}}`;
}

/** Quits politely and resolves once the socket is closed (QUIT's reply comes before that). */
async function quit(connection: RedisClient): Promise<void> {
  if (connection.status === 'end') return;
  const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
  // Status changes during the awaits above; TypeScript's narrowing does not know that.
  if ((connection.status as string) !== 'end') await ended;
}

/** A queue and the connection made for it; `close()` closes both. */
export interface ManagedQueue<T> {
  readonly queue: Queue<T>;
  readonly connection: RedisClient;
  close(): Promise<void>;
}

export interface CreateQueueOptions extends JobQueueConnection {
  defaultJobOptions?: DefaultJobOptions;
}

/**
 * A producer-side queue. Its connection gives up on a command after one failed reconnection, so
 * `add` fails within seconds instead of hanging (with ioredis' default of 20 retries, a request
 * that enqueues waited tens of seconds while Redis was away); callers log it and a sweep retries.
 */
export function createQueue<T = unknown>(name: string, options: CreateQueueOptions): ManagedQueue<T> {
  const connection = createRedis(options, { connectionName: `queue:${name}`, maxRetriesPerRequest: 1 });
  const report = options.onError ?? (() => undefined);
  connection.on('error', report);
  const queue = new Queue<T>(name, {
    connection,
    prefix: bullPrefix(options.prefix, name),
    defaultJobOptions: options.defaultJobOptions,
  });
  // BullMQ re-emits its connection's errors on the queue: an EventEmitter 'error' without a listener throws.
  queue.on('error', report);
  let closing: Promise<void> | null = null;
  return {
    queue,
    connection,
    close() {
      // BullMQ never closes a connection it was given: quit it ourselves or the process stays up.
      closing ??= queue.close().finally(() => quit(connection));
      return closing;
    },
  };
}

/** A worker and the connection made for it; `close()` waits for running jobs, then closes both. */
export interface ManagedWorker<T, R> {
  readonly worker: Worker<T, R>;
  readonly connection: RedisClient;
  close(): Promise<void>;
}

export interface CreateWorkerOptions extends JobQueueConnection {
  concurrency?: number;
  /** Other BullMQ worker settings (lock duration, limiter, autorun...). */
  worker?: Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency'>;
}

export function createWorker<T = unknown, R = unknown>(
  name: string,
  processor: Processor<T, R>,
  options: CreateWorkerOptions,
): ManagedWorker<T, R> {
  // Workers block on Redis: BullMQ requires maxRetriesPerRequest null on their connections.
  const connection = createRedis(options, { maxRetriesPerRequest: null, connectionName: `worker:${name}` });
  const report = options.onError ?? (() => undefined);
  connection.on('error', report);
  const worker = new Worker<T, R>(name, processor, {
    ...options.worker,
    connection,
    prefix: bullPrefix(options.prefix, name),
    concurrency: options.concurrency ?? 1,
  });
  worker.on('error', report);
  let closing: Promise<void> | null = null;
  return {
    worker,
    connection,
    close() {
      closing ??= worker.close().finally(() => quit(connection));
      return closing;
    },
  };
}
