export {
  bootstrapService,
  DEFAULT_BODY_LIMIT_BYTES,
  type RunningService,
  type ServiceOptions,
} from './bootstrap-service.js';
export { findDependencyFailure, isDependencyUnavailable } from '@shop/observability';
export { badRequest, conflict, notFound, unavailable } from './failures.js';
export { statusOfFailure } from './failure-status.js';
export { sendFailure, writeFailure } from './failure-reply.js';
export { LeanExchange, type LeanRoute, type LeanRouter } from './lean-dispatch.js';
export {
  answerFor,
  codeForStatus,
  type ErrorMapper,
  HttpErrorFilter,
  RETRY_AFTER_SECONDS,
} from './http-error-filter.js';
export { ConfigError, loadConfig } from './load-config.js';
export { handleUncaught, installProcessSafetyNet, type SafetyNetOptions } from './process-safety-net.js';
export { REQUEST_ID_HEADER } from './request-hooks.js';
export { ERROR_MAPPERS, LOGGER, METRICS } from './tokens.js';
export {
  describeIssues,
  validationFailed,
  ZodBody,
  ZodParam,
  ZodPipe,
  ZodQuery,
} from './zod-validation.js';
// Re-exported so services need no direct @shop/observability import for the common types.
export type { Logger, Metrics, ReadinessCheck } from '@shop/observability';
export {
  assertTrustKeys,
  callerFrom,
  CurrentCaller,
  IDENTITY_SECRET_VARIABLE,
  IDENTITY_SIGNATURE_HEADER,
  identitySigningKey,
  optionalCallerFrom,
  requireServiceCaller,
  SERVICE_CREDENTIAL_HEADER,
  SERVICE_SECRET_VARIABLE,
  ServiceCaller,
  serviceCallerFrom,
  serviceCredentialHeaders,
  serviceCredentialKey,
  signedIdentityHeaders,
  USER_ID_HEADER,
  USER_ROLE_HEADER,
  USER_EMAIL_HEADER,
  type Caller,
} from './caller.js';
export { RequireCaller, RequireService } from './caller-guards.js';
export { REQUEST_TARGET_HEADER } from './request-target.js';
export { refineSecret, requireSecret, secretProblem, WeakSecretError } from '@shop/observability';
export { errorOf, ServiceClient, type ServiceClientOptions, type ServiceRequest, type ServiceResponse, UpstreamUnavailableError } from './service-client.js';
export { runService, type ServiceOverrides } from './run-service.js';
export {
  envFlag,
  envInt,
  type ListenerConfig,
  listenerConfig,
  listenerEnv,
  listenOn,
  outboxEnv,
  outboxRetentionMs,
  processedEventEnv,
  processedEventRetentionMs,
  postgresEnv,
  redisConfig,
  redisEnv,
  type RedisEnv,
  type PostgresEnv,
  serviceConfig,
  type StorageConfig,
  storageConfig,
} from './service-env.js';
export { httpModule } from './http-module.js';
export { dependencyCheck, postgresCheck, redisCheck } from './dependency-checks.js';
export { DueTimeLoop, type DuePass, type DueTimeLoopOptions } from './due-time-loop.js';
