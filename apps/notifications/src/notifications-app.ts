import { FlashSaleStartedV1, OrderStatusChangedV1, StockChangedV1, streamOf, systemClock } from '@shop/contracts';
import { type EventHandler, ProcessedEventRetention, ProcessedEvents, registerStreamConsumerMetrics, startWhenReachable, StreamConsumer, createRedis } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError, pgPoolOf } from '@shop/persistence';
import { CatalogVariantClient } from '@shop/catalog-client';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, ServiceClient, serviceCredentialKey, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { AccountsClient, type Accounts } from './adapters/accounts-client.js';
import { FlashSalesClient, type FlashSaleDirectory } from './adapters/flash-sales-client.js';
import { EmlFileTransport, type MailTransport, SmtpTransport } from './adapters/mail-transport.js';
import { NotificationRepository } from './adapters/notification.repository.js';
import { CatalogProductDirectory } from './adapters/product-directory.js';
import { SubscriptionRepository } from './adapters/subscription.repository.js';
import { NotificationAdmin } from './application/notification-admin.js';
import { NotificationIntake } from './application/notification-intake.js';
import { PASSWORD_RESET_MAILS, PasswordResetMails } from './application/password-reset-mails.js';
import { Subscriptions } from './application/subscriptions.js';
import { Unsubscriptions } from './application/unsubscriptions.js';
import type { NotificationsConfig } from './config.js';
import { UnsubscribeTokens } from './domain/unsubscribe-token.js';
import { multipartFormsOn } from './http/form-bodies.js';
import { UNSUBSCRIBE_PATH } from './http/unsubscribe.controller.js';
import { PendingSweep, SendMailQueue, SendMailWorker } from './jobs/send-mail.job.js';
import { BACK_IN_STOCK_GROUP, backInStockHandler } from './messaging/back-in-stock.consumer.js';
import { FLASH_SALE_MAILS_GROUP, flashSaleMailsHandler } from './messaging/flash-sale-mails.consumer.js';
import { ORDER_MAILS_GROUP, orderMailsHandler } from './messaging/order-mails.consumer.js';
import { NotificationsModule } from './notifications.module.js';

export interface NotificationsOverrides extends ServiceOverrides {
  /** Another mail transport (tests may count sends); by default SMTP_URL's server or .eml files. */
  transport?: MailTransport;
  accounts?: Accounts;
  flashSales?: FlashSaleDirectory;
}

export interface RunningNotifications extends RunningService {
  sweep: PendingSweep;
}

/**
 * The composition root: the send queue and worker, the three stream consumers (orders, pricing,
 * inventory), the pending sweep and the HTTP surface; stopped in reverse.
 */
export async function startNotifications(config: NotificationsConfig, overrides: NotificationsOverrides = {}): Promise<RunningNotifications> {
  const logger = createLogger({ service: 'notifications' });
  const clock = overrides.clock ?? systemClock;
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, queryTimeoutMillis: config.databaseQueryTimeoutMs, applicationName: 'notifications' });
  const busRedis = createRedis(config, { maxRetriesPerRequest: 3 });
  busRedis.on('error', () => undefined); // reported through readiness; consumers retry on their own

  // The unsubscribe-link key: given, or derived from the service credential every service has.
  const tokens = config.tokenSecret ? new UnsubscribeTokens(config.tokenSecret) : UnsubscribeTokens.derivedFrom(config.serviceSecret ?? serviceCredentialKey());

  const notifications = new NotificationRepository(prisma);
  const subscriptionRepository = new SubscriptionRepository(prisma);
  const transport = overrides.transport ?? (config.smtpUrl ? new SmtpTransport(config.smtpUrl, config.mailFrom) : new EmlFileTransport(config.mailDir, config.mailFrom));
  if (!config.smtpUrl && !overrides.transport) logger.info({ dir: config.mailDir }, 'no SMTP_URL: mails are written as .eml files');

  const jobOptions = { redisUrl: config.redisUrl, prefix: config.redisPrefix, maxAttempts: config.maxAttempts, backoffMs: config.backoffMs };
  const queue = new SendMailQueue(jobOptions, logger);
  const worker = new SendMailWorker({ notifications, transport, clock, logger }, jobOptions);
  const sweep = new PendingSweep({ notifications, queue, clock, logger }, config.sweepMs);

  const gateway = new ServiceClient({ caller: 'notifications', service: 'gateway', origin: config.gatewayUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 });
  const pricing = new ServiceClient({ caller: 'notifications', service: 'pricing', origin: config.pricingUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 });
  const accounts = overrides.accounts ?? new AccountsClient(gateway);
  const flashSales = overrides.flashSales ?? new FlashSalesClient(pricing);
  const products = new CatalogProductDirectory(new CatalogVariantClient({ caller: 'notifications', origin: config.catalogUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 }));

  const intake = new NotificationIntake({
    processed: new ProcessedEvents(prisma),
    notifications,
    accounts,
    queue,
    tokens,
    clock,
    logger,
    shopName: config.shopName,
    publicApiUrl: config.publicApiUrl,
    storefrontUrl: config.storefrontUrl,
  });
  const links = { intake, subscriptions: subscriptionRepository, clock, storefrontUrl: config.storefrontUrl };
  const consumer = (stream: string, group: string, handler: EventHandler, batchSize?: number) =>
    new StreamConsumer({ redis: busRedis, prefix: config.redisPrefix, streams: stream, group, consumer: config.instanceId, handler, logger, startFrom: 'new', ...(batchSize ? { batchSize } : {}) });
  const consumers = [
    consumer(streamOf(OrderStatusChangedV1.type), ORDER_MAILS_GROUP, orderMailsHandler(intake, config.storefrontUrl)),
    consumer(streamOf(FlashSaleStartedV1.type), FLASH_SALE_MAILS_GROUP, flashSaleMailsHandler({ ...links, products, logger })),
    // The inventory stream carries every reservation: large reads keep up with a flash sale.
    consumer(streamOf(StockChangedV1.type), BACK_IN_STOCK_GROUP, backInStockHandler({ ...links, products, logger }), 500),
  ];
  // Each consumer (and the reset mails) records what it turned into mails (once only); the records go after their retention.
  const processedRetention = new ProcessedEventRetention({ pool: pgPoolOf(prisma), consumers: [...consumers.map((c) => c.group), PASSWORD_RESET_MAILS], retentionMs: config.processedEventRetentionMs, logger });

  const readiness: ReadinessCheck[] = [postgresCheck(() => prisma.$queryRaw`SELECT 1`), redisCheck(busRedis)];
  const service = await bootstrapService({
    name: 'notifications',
    module: NotificationsModule.forRoot({
      admin: new NotificationAdmin(notifications, queue, clock),
      subscriptions: new Subscriptions(subscriptionRepository, flashSales, products, clock),
      unsubscriptions: new Unsubscriptions({ tokens, subscriptions: subscriptionRepository, notifications, products, clock, logger }),
      passwordResetMails: new PasswordResetMails(intake, config.storefrontUrl),
      publicUrls: { publicApiUrl: config.publicApiUrl, storefrontUrl: config.storefrontUrl },
    }),
    // A mail client's one-click unsubscribe (RFC 8058) may post a multipart form (urlencoded Nest takes already).
    plugins: [{ plugin: multipartFormsOn([`/${UNSUBSCRIBE_PATH}`]) }],
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the notifications database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      for (const c of consumers) await c.stop();
      await processedRetention.stop();
      await sweep.stop();
      await worker.close();
      await queue.close();
      transport.close();
      await Promise.all([gateway.close(), pricing.close(), products.close()]);
      await prisma.$disconnect();
      busRedis.disconnect();
    },
  });
  registerStreamConsumerMetrics(service.metrics.registry, consumers);
  // Started before answering, so an event published once the service is up is seen; while Redis
  // is away they keep trying in the background.
  await Promise.all(consumers.map((c) => c.start().catch(() => startWhenReachable(c, logger))));
  sweep.start();
  processedRetention.start();
  return { ...service, sweep };
}
