import { describe, expect, it } from 'vitest';
import { AccessTokens } from './access-tokens.js';

const SETTINGS = { secret: 'a-test-secret-of-at-least-thirty-two-bytes!', issuer: 'shop-gateway', audience: 'shop', ttlSeconds: 900 };
const USER = { id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890', role: 'customer' as const };

function clockAt(ms: number) {
  const clock = { ms, now: () => clock.ms };
  return clock;
}

describe('AccessTokens', () => {
  it('verifies a token it issued, the first time and when it is remembered', async () => {
    const clock = clockAt(Date.parse('2026-12-05T12:00:00Z'));
    const tokens = await AccessTokens.create(SETTINGS, clock.now);
    const token = await tokens.issue(USER);
    const issuedAt = Date.parse('2026-12-05T12:00:00Z') / 1000;
    expect(await tokens.verify(token)).toEqual({ ok: true, userId: USER.id, role: 'customer', issuedAt });
    expect(await tokens.verify(token)).toEqual({ ok: true, userId: USER.id, role: 'customer', issuedAt });
  });

  it('calls a remembered token expired from the second of its exp, as it did before remembering it', async () => {
    const clock = clockAt(Date.parse('2026-12-05T12:00:00Z'));
    const tokens = await AccessTokens.create(SETTINGS, clock.now);
    const token = await tokens.issue(USER);
    expect((await tokens.verify(token)).ok).toBe(true);
    clock.ms += SETTINGS.ttlSeconds * 1000 - 1;
    expect((await tokens.verify(token)).ok).toBe(true);
    clock.ms += 1;
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
    // And a fresh instance (nothing remembered) agrees.
    const fresh = await AccessTokens.create(SETTINGS, clock.now);
    expect(await fresh.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token whose payload or signature was changed, though the genuine one is remembered', async () => {
    const clock = clockAt(Date.parse('2026-12-05T12:00:00Z'));
    const tokens = await AccessTokens.create(SETTINGS, clock.now);
    const token = await tokens.issue(USER);
    expect((await tokens.verify(token)).ok).toBe(true);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const asAdmin = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(await tokens.verify(`${header}.${asAdmin}.${signature}`)).toEqual({ ok: false, reason: 'invalid' });
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    expect(await tokens.verify(`${header}.${payload}.${flipped}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a token signed with another secret', async () => {
    const clock = clockAt(Date.parse('2026-12-05T12:00:00Z'));
    const other = await AccessTokens.create({ ...SETTINGS, secret: 'another-secret-of-at-least-thirty-two-bytes' }, clock.now);
    const tokens = await AccessTokens.create(SETTINGS, clock.now);
    expect(await tokens.verify(await other.issue(USER))).toEqual({ ok: false, reason: 'invalid' });
  });
});
