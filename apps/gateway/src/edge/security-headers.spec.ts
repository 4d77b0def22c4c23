import { describe, expect, it } from 'vitest';
import { CorsPolicy } from './security-headers.js';

describe('CORS policy', () => {
  const cors = new CorsPolicy(['http://shop.test']);

  it('allows a listed origin, exposing the headers clients need', () => {
    const decision = cors.decide('GET', 'http://shop.test', undefined);
    expect(decision.preflight).toBe(false);
    expect(decision.headers).toMatchObject({ 'access-control-allow-origin': 'http://shop.test', vary: 'Origin' });
    expect(decision.headers['access-control-expose-headers']).toContain('retry-after');
  });

  it('answers a preflight of a listed origin with methods and headers', () => {
    const decision = cors.decide('OPTIONS', 'http://shop.test', 'POST');
    expect(decision.preflight).toBe(true);
    expect(decision.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('gives other origins, and requests without one, nothing but Vary', () => {
    expect(cors.decide('GET', 'http://evil.test', undefined).headers).toEqual({ vary: 'Origin' });
    expect(cors.decide('OPTIONS', 'http://evil.test', 'POST')).toEqual({ headers: { vary: 'Origin' }, preflight: true });
    expect(cors.decide('GET', undefined, undefined).headers).toEqual({ vary: 'Origin' });
  });
});
