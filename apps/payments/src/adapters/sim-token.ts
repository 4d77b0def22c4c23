import { createHash } from 'node:crypto';
/**
 * The simulated provider's test tokens and what each makes it do (like a real PSP's test cards):
 *
 * | token | authorization |
 * | --- | --- |
 * | `tok_approve` / `tok_approve_<card>` | authorized (`<card>`: another test card, with its own fingerprint) |
 * | `tok_decline` | declined (`card_declined`) |
 * | `tok_insufficient_funds` | declined (`insufficient_funds`) |
 * | `tok_timeout` | authorized, but the answer comes only after the client's timeout (every time) |
 * | `tok_transient` / `tok_transient_<n>` | the first n calls (default: the provider's setting) fail with a 503-like error, then authorized |
 * | `tok_slow` / `tok_slow_<ms>` | authorized after `ms` (default: the provider's setting) |
 * | anything else | declined (`invalid_token`) |
 */
export type SimBehaviour =
  | { kind: 'approve' }
  | { kind: 'decline'; code: string }
  | { kind: 'timeout' }
  | { kind: 'transient'; failures: number | null }
  | { kind: 'slow'; latencyMs: number | null };

const MAX_TRANSIENT_FAILURES = 100;
const MAX_SLOW_MS = 120_000;

export function simBehaviourOf(token: string): SimBehaviour {
  switch (token) {
    case 'tok_approve':
      return { kind: 'approve' };
    case 'tok_decline':
      return { kind: 'decline', code: 'card_declined' };
    case 'tok_insufficient_funds':
      return { kind: 'decline', code: 'insufficient_funds' };
    case 'tok_timeout':
      return { kind: 'timeout' };
    case 'tok_transient':
      return { kind: 'transient', failures: null };
    case 'tok_slow':
      return { kind: 'slow', latencyMs: null };
  }
  if (/^tok_approve_[a-z0-9]{1,40}$/.test(token)) return { kind: 'approve' };
  const transient = /^tok_transient_(\d{1,3})$/.exec(token);
  if (transient) return { kind: 'transient', failures: Math.min(Number(transient[1]), MAX_TRANSIENT_FAILURES) };
  const slow = /^tok_slow_(\d{1,6})$/.exec(token);
  if (slow) return { kind: 'slow', latencyMs: Math.min(Number(slow[1]), MAX_SLOW_MS) };
  return { kind: 'decline', code: 'invalid_token' };
}

/**
 * The simulated provider's card fingerprint of a token: one test token is one card. (A real
 * provider reports the card's fingerprint, the same for every token of the card.)
 */
export function simCardFingerprint(token: string): string {
  return createHash('sha256').update(`sim-card:${token}`).digest('base64url').slice(0, 24);
}
