import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config.js';

const Config = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  DATABASE_URL: z.url(),
  REDIS_PREFIX: z.string().default('shop:'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn']).default('info'),
});

describe('loadConfig', () => {
  it('returns typed, coerced values with defaults', () => {
    expect(loadConfig(Config, { PORT: '3001', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/shop' })).toEqual({
      PORT: 3001,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/shop',
      REDIS_PREFIX: 'shop:',
      LOG_LEVEL: 'info',
    });
  });

  it('names every bad variable and why, one per line', () => {
    let thrown: unknown;
    try {
      loadConfig(Config, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toBe(
      [
        'Invalid configuration:',
        '  PORT: must be a number',
        '  DATABASE_URL: is required',
        '  LOG_LEVEL: must be one of "debug", "info", "warn"',
      ].join('\n'),
    );
  });

  it('reads process.env by default', () => {
    expect(loadConfig(z.object({ PATH: z.string().min(1) })).PATH).toBe(process.env['PATH']);
  });
});
