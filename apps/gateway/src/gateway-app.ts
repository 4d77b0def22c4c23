import { readFileSync } from 'node:fs';
import { createRedis, redisConnected } from '@shop/messaging';
import { systemClock } from '@shop/contracts';
import { createLogger, type Logger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { bootstrapService, postgresCheck, redisCheck, type RunningService, ServiceClient, type ServiceOverrides, unavailable } from '@shop/service-kit';
import type { GatewayConfig } from './config.js';
import { createGatewayMetrics, registerGatewayMetrics } from './gateway-metrics.js';
import { GatewayModule } from './gateway.module.js';
import { edgePipeline } from './edge/edge-pipeline.js';
import { addressSet } from './edge/forwarded-client.js';
import { leanProxyRouter } from './edge/lean-proxy.js';
import { CorsPolicy } from './edge/security-headers.js';
import { Accounts } from './identity/application/accounts.js';
import { AddressBook } from './identity/application/address-book.js';
import { SavedAddressRepository } from './identity/adapters/saved-address.repository.js';
import { ActiveUsers } from './identity/application/active-users.js';
import { Authenticator } from './identity/application/authenticator.js';
import { NotificationsPasswordResetMailer } from './identity/adapters/password-reset-mailer.js';
import { PasswordResetRepository } from './identity/adapters/password-reset.repository.js';
import { RefreshTokenRepository } from './identity/adapters/refresh-token.repository.js';
import { PasswordResets } from './identity/application/password-resets.js';
import { UserRepository } from './identity/adapters/user.repository.js';
import { AccessTokens } from './identity/security/access-tokens.js';
import { PasswordHasher } from './identity/security/password-hasher.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { assertValidRouteTable, routeTable, type RouteEntry } from './routing/route-table.js';
import { closeUpstreams, createUpstreams } from './routing/upstreams.js';
import { ReservationFrames } from './routing/reservation-frames.js';
import { InstanceRegistry, PartitionRouter } from '@shop/partitioning';
import { DeadLetterOperations } from './operations/application/dead-letter-operations.js';

export interface GatewayOverrides extends ServiceOverrides {
  /** Another route table (tests add stand-in upstreams with it). */
  routes?: readonly RouteEntry[];
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The composition root: the one public entry. Builds identity (accounts, tokens), the rate
 * limiter and the resilient upstreams from configuration, seeds the first admin, starts the
 * HTTP server, and closes everything in reverse on shutdown.
 */
export async function startGateway(config: GatewayConfig, overrides: GatewayOverrides = {}): Promise<RunningService> {
  const logger = createLogger({ service: 'gateway' });
  const clock = overrides.clock ?? systemClock;
  const routes = overrides.routes ?? routeTable;
  assertValidRouteTable(routes, Object.keys(config.upstreams));

  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, queryTimeoutMillis: config.databaseQueryTimeoutMs, applicationName: 'gateway' });
  // Rate limiting is on every request: fail fast instead of queueing while Redis is away
  // (the limiter then falls back to in-memory counting), and pipeline concurrent commands.
  const redis = createRedis(config, { enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
  redis.on('error', () => undefined); // reported through readiness; the limiter falls back to memory

  const limiter = new RateLimiter(redis, config.redisPrefix, config.rateLimits, logger);
  const accessTokens = await AccessTokens.create({
    secret: config.auth.jwtSecret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    ttlSeconds: config.auth.accessTokenTtlSeconds,
  }, () => clock.now().getTime());
  const users = new UserRepository(prisma);
  const hasher = new PasswordHasher();
  const activeUsers = new ActiveUsers((id) => users.activeAccount(id), config.auth.userCacheMs);
  const accounts = new Accounts({
    users,
    refreshTokens: new RefreshTokenRepository(prisma),
    hasher,
    accessTokens,
    activeUsers,
    throttle: limiter,
    refreshTokenTtlSeconds: config.auth.refreshTokenTtlSeconds,
    sessionMaxAgeSeconds: config.auth.sessionMaxAgeSeconds,
    clock,
    logger,
  });
  const addressBook = new AddressBook({ store: new SavedAddressRepository(prisma), clock });
  const notifications = config.upstreams['notifications'];
  const resetMailer =
    config.passwordReset.mail && notifications
      ? new NotificationsPasswordResetMailer(new ServiceClient({ caller: 'gateway', service: 'notifications', origin: notifications.url, timeoutMs: notifications.timeoutMs, retries: 2 }))
      : null;
  if (!resetMailer) logger.warn('password reset links cannot be mailed (no SERVICE_CREDENTIAL_SECRET): asking for one answers 503');
  const passwordResets = new PasswordResets({
    users,
    resets: new PasswordResetRepository(prisma),
    hasher,
    activeUsers,
    mailer: resetMailer,
    ttlMinutes: config.passwordReset.ttlMinutes,
    cooldownSeconds: config.passwordReset.cooldownSeconds,
    clock,
    logger,
  });
  const metrics = createGatewayMetrics();
  // Partition-sticky routing: which inventory instance owns which partition, from their heartbeats.
  const inventoryView = new PartitionRouter({
    source: new InstanceRegistry({ redis, prefix: config.redisPrefix, service: 'inventory' }),
    partitions: config.inventoryPartitions,
    logger,
  });
  // Its first read fails while the client is still connecting (no offline queue): wait briefly, so
  // a normal start does not log an error. A Redis that is down is the readiness check's to report.
  await redisConnected(redis, 2_000);
  await inventoryView.start();
  const upstreams = createUpstreams(config, { logger, metrics, identitySigningKey: config.auth.identitySigningKey }, inventoryView);

  // Shoppers' reservations to one inventory instance leave in one request per event-loop turn.
  const reservationFrames = config.reservationFrames
    ? new ReservationFrames({ identitySigningKey: config.auth.identitySigningKey, serviceCredentialKey: config.reservationFrames.serviceCredentialKey, maxItems: config.reservationFrames.maxItems, logger })
    : undefined;
  if (!reservationFrames) logger.info({ batching: false }, 'reservations go to inventory one request each (GATEWAY_RESERVATION_BATCHING off or no SERVICE_CREDENTIAL_SECRET)');

  const readiness: ReadinessCheck[] = [
    postgresCheck(() => prisma.$queryRaw`SELECT 1`),
    redisCheck(redis),
  ];

  const closeAll = async () => {
    await inventoryView.stop();
    await passwordResets.settled();
    await resetMailer?.close();
    await closeUpstreams(upstreams);
    await prisma.$disconnect();
    redis.disconnect();
  };
  const edge = edgePipeline({
    authenticator: new Authenticator(accessTokens, activeUsers),
    limiter,
    metrics,
    cors: new CorsPolicy(config.corsOrigins),
    forwardedClient: config.forwardedClient && { proxies: addressSet(config.forwardedClient.trustedProxies), secret: config.forwardedClient.secret },
    clock,
  });
  let service: RunningService;
  try {
    service = await bootstrapService({
      name: 'gateway',
      module: GatewayModule.forRoot({
        edge: { routes, upstreams, edge, uploadLimitBytes: config.uploadLimitBytes },
        accounts,
        addressBook,
        passwordResets,
        deadLetters: new DeadLetterOperations(redis, config.redisPrefix, logger),
        openApi: buildOpenApiDocument(version, routes),
      }),
      port: config.port,
      host: config.host,
      metricsListener: config.metrics,
      logger,
      readiness,
      bodyLimitBytes: config.bodyLimitBytes,
      // Proxied routes answer before Fastify and Nest; everything else falls through to them.
      lean: () => leanProxyRouter({ routes, upstreams, edge, bodyLimitBytes: config.bodyLimitBytes, reservationFrames }),
      trustProxy: config.trustProxy,
      errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the identity database is unavailable; retry shortly') : undefined)],
      handleSignals: overrides.handleSignals ?? true,
      // The gateway checked its own secrets in its configuration; it holds no service credential.
      requireTrustKeys: false,
      onShutdown: closeAll,
    });
  } catch (err) {
    // E.g. a route the route table does not cover: nothing may keep the process alive.
    await closeAll();
    throw err;
  }
  registerGatewayMetrics(metrics, service.metrics.registry);
  await seedAdmin(accounts, config.auth.admin, logger);
  return service;
}

/** The first admin; when the database is not reachable yet, keeps trying in the background. */
async function seedAdmin(accounts: Accounts, admin: { email: string; password: string | undefined; resetPassword: boolean }, logger: Logger, retryMs = 2000): Promise<void> {
  if (admin.password === undefined) return void logger.info('no ADMIN_PASSWORD configured: no admin account is created');
  const password = admin.password;
  try {
    const outcome = await accounts.ensureAdmin(admin.email, password, { resetPassword: admin.resetPassword });
    if (outcome === 'created') logger.info({ email: admin.email }, 'admin account created');
    if (outcome === 'exists') logger.info({ email: admin.email }, 'the admin account exists: its password is the one set when it was made, not necessarily ADMIN_PASSWORD (ADMIN_PASSWORD_RESET=true sets it)');
    if (outcome === 'reset') logger.warn({ email: admin.email }, 'ADMIN_PASSWORD_RESET: the admin account now has ADMIN_PASSWORD as its password');
    if (outcome === 'rotated') logger.warn({ email: admin.email }, 'the admin still had the once-published default password: it is now ADMIN_PASSWORD');
    if (outcome === 'taken_by_customer') logger.warn({ email: admin.email }, 'ADMIN_EMAIL belongs to a customer account; no admin was created');
  } catch (err) {
    if (!isDatabaseUnavailableError(err)) return void logger.error({ err }, 'could not seed the admin account');
    logger.warn({ err: String(err) }, 'cannot seed the admin account yet; retrying');
    setTimeout(() => void seedAdmin(accounts, admin, logger, retryMs), retryMs).unref();
  }
}
