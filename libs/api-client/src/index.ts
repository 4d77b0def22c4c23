export * from './api-error.js';
export * from './checkout.js';
export * from './gateway-client.js';
export * from './admin-products.js';
export * from './merch-admin-client.js';
export * from './admin-operations.js';
