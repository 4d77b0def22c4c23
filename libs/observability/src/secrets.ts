/**
 * Secrets are never defaulted: every service refuses to start without a strong one, in every
 * environment. `npm start` generates them on a first local start (scripts/lib/platform.mjs).
 */
export const MIN_SECRET_BYTES = 32;

/** Values published somewhere (old docs, tutorials) or guessable: refused whatever their length. */
const KNOWN_WEAK = new Set(
  [
    'dev-only-insecure-jwt-secret-change-me-in-production',
    'secret',
    'changeme',
    'change-me',
    'password',
    'default',
    'test',
    'development',
    'flashshop',
    'your-256-bit-secret',
    'supersecret',
  ].map((s) => s.toLowerCase()),
);

/** Why `value` is not acceptable as a secret, or null when it is. */
export function secretProblem(value: string | undefined): string | null {
  if (value === undefined || value === '') return 'is required (npm start generates one into .env.local-secrets)';
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) return `must be at least ${MIN_SECRET_BYTES} bytes long`;
  const lower = value.toLowerCase();
  for (const weak of KNOWN_WEAK) {
    // A known value padded or repeated to length is as guessable as the value itself.
    if (lower === weak || lower.replaceAll(weak, '').replace(/[^a-z0-9]/g, '').length < 8) return 'is a known, published value';
  }
  if (new Set(value).size < 8) return 'is too repetitive (fewer than 8 distinct characters)';
  return null;
}

export class WeakSecretError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'WeakSecretError';
  }
}

/** The secret from `env[name]`, or a WeakSecretError saying what is wrong with it. */
export function requireSecret(name: string, env: Record<string, string | undefined> = process.env): string {
  const value = env[name];
  const problem = secretProblem(value);
  if (problem) throw new WeakSecretError(name, problem);
  return value as string;
}

/** A zod `superRefine` body for a secret variable, so config schemas report it with the others. */
export function refineSecret(value: string | undefined, ctx: { addIssue: (issue: { code: 'custom'; message: string }) => void }): void {
  const problem = secretProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}
