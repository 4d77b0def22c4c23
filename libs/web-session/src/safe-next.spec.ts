import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeNextPath('/account')).toBe('/account');
    expect(safeNextPath('/checkout')).toBe('/checkout');
    expect(safeNextPath('/p/trail-runner?sku=TR-42#reviews')).toBe('/p/trail-runner?sku=TR-42#reviews');
    expect(safeNextPath('/c/foot%20wear')).toBe('/c/foot%20wear');
  });

  it.each([
    ['protocol-relative', '//evil.example'],
    ['protocol-relative, deeper', '//evil.example/account'],
    ['backslash', '/\\evil.example'],
    ['backslashes', '\\\\evil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded backslash, lower case', '/%5cevil.example'],
    ['encoded slash', '/%2Fevil.example'],
    ['tab', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['encoded newline', '/%0A/evil.example'],
    ['absolute https', 'https://evil.example'],
    ['absolute http', 'http://evil.example/account'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['scheme-relative with spaces', ' //evil.example'],
    ['relative', 'account'],
    ['empty', ''],
    ['malformed escape', '/%E0%A4%A'],
  ])('refuses %s', (_label, next) => {
    expect(safeNextPath(next)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('refuses what is not a string (a repeated ?next=)', () => {
    expect(safeNextPath(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeNextPath(['/a', '//evil.example'])).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});
