import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@shop/service-kit';
import { GatewayEnv, gatewayConfigFrom, parseTimeouts } from './config.js';

describe('gateway configuration', () => {
  it('has a working default for everything in development', () => {
    const config = gatewayConfigFrom(loadConfig(GatewayEnv, {}));
    expect(config.upstreams['catalog']).toMatchObject({ url: 'http://127.0.0.1:3001', timeoutMs: 5000 });
    expect(config.rateLimits.classes.auth).toEqual({ points: 20, durationSeconds: 60 });
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
  });

  it('refuses the development JWT secret and admin password in production', () => {
    expect(() => loadConfig(GatewayEnv, { NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig(GatewayEnv, { NODE_ENV: 'production' });
    } catch (err) {
      expect((err as ConfigError).message).toMatch(/JWT_SECRET: the development default must not be used in production/);
      expect((err as ConfigError).message).toMatch(/ADMIN_PASSWORD: the development default/);
    }
    const ok = loadConfig(GatewayEnv, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a real secret password' });
    expect(ok.JWT_SECRET).toHaveLength(40);
  });

  it('names malformed limits and short secrets', () => {
    expect(() => loadConfig(GatewayEnv, { RATE_LIMIT_AUTH: 'lots', JWT_SECRET: 'short' })).toThrow(
      /RATE_LIMIT_AUTH: must be "<requests>\/<seconds>"[\s\S]*JWT_SECRET: must be at least 32 characters long|JWT_SECRET[\s\S]*RATE_LIMIT_AUTH/,
    );
  });

  it('reads per-upstream timeouts', () => {
    expect(parseTimeouts('catalog=2000, inventory=500,bad,x=-1')).toEqual({ catalog: 2000, inventory: 500 });
    const config = gatewayConfigFrom(loadConfig(GatewayEnv, { UPSTREAM_TIMEOUTS: 'catalog=1234' }));
    expect(config.upstreams['catalog']?.timeoutMs).toBe(1234);
  });
});
