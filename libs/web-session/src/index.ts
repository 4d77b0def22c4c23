// Server-side only (Next.js route handlers, server components, proxy). The client-safe part is
// `@shop/web-session/safe-next`.
export * from './api-response';
export * from './config';
export * from './content-security-policy';
export * from './forwarded-client';
export * from './media-route';
export * from './request-gateway';
export * from './request-guard';
export * from './session-cookies';
export * from './session-proxy';
export * from './session-recovery';
export * from './session-renewal';
export * from './session-refresh';
