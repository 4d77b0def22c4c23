// Benchmarks start services like `npm start` does, so they need secrets (none has a default) and
// sign what the gateway or a calling service would sign when they talk to a service directly.
import { randomBytes, randomUUID } from 'node:crypto';
import { signIdentity, signServiceCredential } from '../../libs/observability/src/request-signing.js';

const NAMES = ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'PRICING_QUOTE_SECRET', 'ADMIN_PASSWORD'] as const;

/** Fills in random secrets the environment lacks, so every spawned service inherits the same ones. */
export function ensureBenchSecrets(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of NAMES) env[name] ||= randomBytes(32).toString('base64url');
  env.GATEWAY_METRICS_PORT ||= '0'; // a bench gateway must not collide with one on the default 9080
}

/** A user's identity signed for one request, as the gateway forwards it. */
export function signedIdentity(identity: { userId: string; role: 'customer' | 'admin' }, method: string, path: string): Record<string, string> {
  const requestId = randomUUID();
  const signature = signIdentity(process.env.IDENTITY_SIGNING_SECRET!, identity, { method, url: path, requestId }, Date.now());
  return { 'x-user-id': identity.userId, 'x-user-role': identity.role, 'x-identity-signature': signature, 'x-request-id': requestId };
}

/** A service's credential (valid about a minute: make a fresh one per request in long runs). */
export function serviceCredential(service: string): Record<string, string> {
  return { 'x-service-credential': signServiceCredential(process.env.SERVICE_CREDENTIAL_SECRET!, service, Date.now()) };
}

export const BENCH_ADMIN = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' as const };
