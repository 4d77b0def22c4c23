import { describe, expect, it } from 'vitest';
import { deletedEmailFor, normalizeEmail } from './email.js';

describe('email', () => {
  it('normalizes case and surrounding spaces only', () => {
    expect(normalizeEmail('  Ada.Lovelace+Shop@Example.COM ')).toBe('ada.lovelace+shop@example.com');
  });
  it('gives a deleted account an address nobody can own', () => {
    expect(deletedEmailFor('abc')).toBe('deleted+abc@invalid');
  });
});
