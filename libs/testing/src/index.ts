export * from './test-env.js';
export * from './tcp-proxy.js';
export * from './script-process.js';
export * from './trust-headers.js';
export * from './built-service.js';
export { eventually } from './eventually.js';
export { statusAfterRecovery } from './status-after-recovery.js';
export * from './fetch-json.js';
export * from './inventory.js';
