/** Nest DI token of the service's pino Logger: `@Inject(LOGGER) private readonly logger: Logger`. */
export const LOGGER = Symbol.for('@shop/service-kit:LOGGER');

/** Nest DI token of the service's Metrics: `@Inject(METRICS) metrics: Metrics`. */
export const METRICS = Symbol.for('@shop/service-kit:METRICS');
