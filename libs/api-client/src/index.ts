export * from './api-error.js';
export * from './checkout.js';
export * from './gateway-client.js';
