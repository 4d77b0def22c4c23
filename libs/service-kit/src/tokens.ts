/** Nest DI token of the service's pino Logger: `@Inject(LOGGER) private readonly logger: Logger`. */
export const LOGGER = Symbol.for('@shop/service-kit:LOGGER');

/** Nest DI token of the service's Metrics: `@Inject(METRICS) metrics: Metrics`. */
export const METRICS = Symbol.for('@shop/service-kit:METRICS');

/**
 * Nest DI token of the service's error mappers (ServiceOptions.errorMappers), for routes registered
 * straight on Fastify that answer errors themselves: `answerFor(error, mappers)` then gives the same
 * answer as the error filter does on Nest's routes.
 */
export const ERROR_MAPPERS = Symbol.for('@shop/service-kit:ERROR_MAPPERS');
