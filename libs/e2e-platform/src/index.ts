// Browser journeys against the real running platform, shared by the storefront's and the admin
// console's Playwright suites. Loaded by Playwright (which compiles TypeScript), never built.
export * from './browser';
export * from './journey-config';
export * from './platform-api';
export * from './screenshot';
export * from './start-platform';
