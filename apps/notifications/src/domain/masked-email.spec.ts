import { describe, expect, it } from 'vitest';
import { maskedEmail } from './masked-email.js';

describe('maskedEmail', () => {
  it('keeps the first character and the domain, and hides the rest of the mailbox', () => {
    expect(maskedEmail('ada@example.com')).toBe('a***@example.com');
    expect(maskedEmail('grace.hopper+sales@mail.example.org')).toBe('g***@mail.example.org');
  });

  it('does not tell how long the mailbox is', () => {
    expect(maskedEmail('a@example.com')).toBe(maskedEmail('ab@example.com'));
    expect(maskedEmail('ab@example.com')).toBe('a***@example.com');
  });

  it('cuts by character, not by UTF-16 unit, and splits at the last @', () => {
    expect(maskedEmail('élise@example.fr')).toBe('é***@example.fr');
    expect(maskedEmail('😀smile@example.com')).toBe('😀***@example.com');
    expect(maskedEmail('"a@b"@example.com')).toBe('"***@example.com');
  });
});
