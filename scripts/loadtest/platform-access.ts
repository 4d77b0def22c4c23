// How the load generator reaches the platform besides its public API: the admin login and the
// storefront's proof of a shopper's address from `npm start`'s secrets (environment first, then
// .env.local-secrets, as scripts/start.mjs keeps them), and the databases for the checks the
// APIs do not answer (connection string as the platform's: DATABASE_URL).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mac } from '../../libs/observability/src/request-signing.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** A setting from the environment, else from the secrets file `npm start` wrote. */
export function platformSetting(name: string, env: NodeJS.ProcessEnv = process.env, file = join(repoRoot, '.env.local-secrets')): string | undefined {
  if (env[name]) return env[name];
  if (!existsSync(file)) return undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match && match[1] === name) return match[2];
  }
  return undefined;
}

/**
 * `x-shop-forwarded-client` for a virtual shopper at `address`, signed as the storefront signs it
 * (apps/gateway/src/edge/forwarded-client.ts): the gateway then counts each buyer's per-IP limits
 * (registration, anonymous reads) against that buyer, as it would for shoppers coming through the
 * storefront, instead of every buyer sharing the load generator's one address.
 */
export function forwardedClientHeader(secret: string, address: string, nowMs = Date.now()): string {
  const payload = `v1;${address};${Math.floor(nowMs / 1000)}`;
  return `${payload};${mac(secret, payload)}`;
}

/** The n-th virtual shopper's address: 10.x.y.z, distinct for the first 16 million. */
export function shopperAddress(n: number): string {
  const i = n + 1;
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}
