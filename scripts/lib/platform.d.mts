// Types of the parts of platform.mjs the tests use.
export function redisPersistenceWarning(appendonly: string[] | null, save: string[] | null): string | null;
export function warnIfRedisForgets(redisUrl: string): Promise<void>;
export const SECRETS_FILE: string;
export function localSecrets(
  env?: Record<string, string | undefined>,
  file?: string,
): { values: Record<string, string>; generated: string[] };
