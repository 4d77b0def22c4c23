import { describe, expect, it } from 'vitest';
import { simBehaviourOf, simCardFingerprint } from './sim-token.js';

describe('simulated provider test tokens', () => {
  it('maps each test token to its behaviour', () => {
    expect(simBehaviourOf('tok_approve')).toEqual({ kind: 'approve' });
    expect(simBehaviourOf('tok_decline')).toEqual({ kind: 'decline', code: 'card_declined' });
    expect(simBehaviourOf('tok_insufficient_funds')).toEqual({ kind: 'decline', code: 'insufficient_funds' });
    expect(simBehaviourOf('tok_timeout')).toEqual({ kind: 'timeout' });
    expect(simBehaviourOf('tok_transient')).toEqual({ kind: 'transient', failures: null });
    expect(simBehaviourOf('tok_transient_3')).toEqual({ kind: 'transient', failures: 3 });
    expect(simBehaviourOf('tok_slow')).toEqual({ kind: 'slow', latencyMs: null });
    expect(simBehaviourOf('tok_slow_1500')).toEqual({ kind: 'slow', latencyMs: 1500 });
  });

  it('declines unknown tokens as a PSP would', () => {
    for (const token of ['tok_visa', 'tok_transient_x', 'tok_slow_', 'card_4242']) {
      expect(simBehaviourOf(token), token).toEqual({ kind: 'decline', code: 'invalid_token' });
    }
  });

  it('approves other test cards, each with its own stable fingerprint', () => {
    expect(simBehaviourOf('tok_approve_visa2')).toEqual({ kind: 'approve' });
    expect(simCardFingerprint('tok_approve')).toBe(simCardFingerprint('tok_approve'));
    expect(simCardFingerprint('tok_approve')).not.toBe(simCardFingerprint('tok_approve_visa2'));
    expect(simCardFingerprint('tok_approve')).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
