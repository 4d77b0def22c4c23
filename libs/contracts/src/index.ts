export * from './common/clock.js';
export * from './common/money.js';
export * from './common/error-body.js';
export * from './common/pagination.js';
export * from './events/envelope.js';
export * from './catalog/catalog.js';
export * from './catalog/catalog-events.js';
