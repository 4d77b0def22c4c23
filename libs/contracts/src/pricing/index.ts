export * from './coupons.js';
export * from './quote.js';
export * from './promotions.js';
export * from './flash-sales.js';
export * from './demand-pricing.js';
export * from './pricing-events.js';
