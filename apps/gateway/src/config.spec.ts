import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@shop/service-kit';
import { GatewayEnv, gatewayConfigFrom, parseTimeouts } from './config.js';

const secrets = () => ({ JWT_SECRET: randomBytes(32).toString('base64url'), IDENTITY_SIGNING_SECRET: randomBytes(32).toString('base64url') });

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(GatewayEnv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('gateway configuration', () => {
  it('has a working default for everything but the secrets', () => {
    const config = gatewayConfigFrom(loadConfig(GatewayEnv, secrets()));
    expect(config.upstreams['catalog']).toMatchObject({ url: 'http://127.0.0.1:3001', timeoutMs: 5000 });
    expect(config.rateLimits.classes.auth).toEqual({ points: 20, durationSeconds: 60 });
    expect(config.rateLimits.classes['order-lookup']).toEqual({ points: 30, durationSeconds: 60 });
    expect(gatewayConfigFrom(loadConfig(GatewayEnv, { ...secrets(), RATE_LIMIT_ORDER_LOOKUP: '12/60' })).rateLimits.classes['order-lookup']).toEqual({ points: 12, durationSeconds: 60 });
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    // No admin password means no admin account, not a default one.
    expect(config.auth.admin.password).toBeUndefined();
  });

  it('batches reservations by default when it holds a service credential; off with GATEWAY_RESERVATION_BATCHING=false or without one; refuses a weak one and frames over 128', () => {
    const credential = randomBytes(32).toString('base64url');
    expect(gatewayConfigFrom(loadConfig(GatewayEnv, { ...secrets(), SERVICE_CREDENTIAL_SECRET: credential })).reservationFrames).toEqual({ serviceCredentialKey: credential, maxItems: 64 });
    expect(gatewayConfigFrom(loadConfig(GatewayEnv, { ...secrets(), SERVICE_CREDENTIAL_SECRET: credential, GATEWAY_RESERVATION_BATCHING: 'false' })).reservationFrames).toBeNull();
    expect(gatewayConfigFrom(loadConfig(GatewayEnv, secrets())).reservationFrames).toBeNull();
    expect(problemsOf({ ...secrets(), SERVICE_CREDENTIAL_SECRET: 'changeme'.repeat(5) })).toMatch(/SERVICE_CREDENTIAL_SECRET: is a known, published value/);
    expect(problemsOf({ ...secrets(), GATEWAY_RESERVATION_FRAME_MAX: '129' })).toMatch(/GATEWAY_RESERVATION_FRAME_MAX/);
  });

  it.each(['development', 'test', 'production'])('has no default secret and refuses weak ones, NODE_ENV=%s', (NODE_ENV) => {
    expect(problemsOf({ NODE_ENV })).toMatch(/JWT_SECRET: is required[\s\S]*IDENTITY_SIGNING_SECRET: is required/);
    const weak = problemsOf({
      NODE_ENV,
      JWT_SECRET: 'dev-only-insecure-jwt-secret-change-me-in-production',
      IDENTITY_SIGNING_SECRET: 'changeme'.repeat(5),
      ADMIN_PASSWORD: 'admin-dev-password',
    });
    expect(weak).toMatch(/JWT_SECRET: is a known, published value/);
    expect(weak).toMatch(/IDENTITY_SIGNING_SECRET: is a known, published value/);
    expect(weak).toMatch(/ADMIN_PASSWORD: is a known, published password/);
    expect(problemsOf({ NODE_ENV, ...secrets(), JWT_SECRET: 'x'.repeat(40) })).toMatch(/JWT_SECRET: is too repetitive/);
    expect(problemsOf({ NODE_ENV, ...secrets(), JWT_SECRET: 'short' })).toMatch(/JWT_SECRET: must be at least 32 bytes long/);
    const ok = loadConfig(GatewayEnv, { NODE_ENV, ...secrets(), ADMIN_PASSWORD: 'a real secret password' });
    expect(ok.ADMIN_PASSWORD).toBe('a real secret password');
  });

  it('names malformed limits and short secrets together', () => {
    expect(problemsOf({ ...secrets(), RATE_LIMIT_AUTH: 'lots', JWT_SECRET: 'short' })).toMatch(
      /RATE_LIMIT_AUTH: must be "<requests>\/<seconds>"[\s\S]*JWT_SECRET: must be at least|JWT_SECRET[\s\S]*RATE_LIMIT_AUTH/,
    );
  });

  it('reads per-upstream timeouts', () => {
    expect(parseTimeouts('catalog=2000, inventory=500,bad,x=-1')).toEqual({ catalog: 2000, inventory: 500 });
    const config = gatewayConfigFrom(loadConfig(GatewayEnv, { ...secrets(), UPSTREAM_TIMEOUTS: 'catalog=1234' }));
    expect(config.upstreams['catalog']?.timeoutMs).toBe(1234);
  });
});
