export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { createMetrics, UNMATCHED_ROUTE, type HttpLabels, type Metrics } from './metrics.js';
export { HTTP_DURATION_BUCKETS, HttpRedMetrics, HttpSeries, type HttpSeriesLabels } from './red-metrics.js';
export {
  DEFAULT_CHECK_TIMEOUT_MS,
  runReadinessChecks,
  type ReadinessCheck,
  type ReadinessReport,
} from './readiness.js';
export {
  extractTraceContext,
  getTracer,
  initTracing,
  injectTraceHeaders,
  shutdownTracing,
  traceIdsOf,
  type TraceCarrier,
  type TraceHeaders,
  type TracingOptions,
} from './tracing.js';
export { findDependencyFailure, findInErrorChain, isDependencyUnavailable } from './dependency-errors.js';
export {
  CLOCK_SKEW_SECONDS,
  IDENTITY_TTL_SECONDS,
  mac,
  sameMac,
  SERVICE_CREDENTIAL_TTL_SECONDS,
  signIdentity,
  signServiceCredential,
  verifyIdentity,
  verifyServiceCredential,
  type Identity,
  type SignedRequest,
  type VerifyFailure,
} from './request-signing.js';
export { MIN_SECRET_BYTES, refineSecret, requireSecret, secretProblem, WeakSecretError } from './secrets.js';
export { errorMessage, type LibraryLogger, silentLogger } from './library-logger.js';
