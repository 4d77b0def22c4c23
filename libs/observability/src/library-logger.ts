/**
 * The little a shared library (messaging, partitioning) logs. Shaped like pino
 * (`logger.warn(fields, message)`) so a service passes its own logger; by default nothing is logged.
 */
export interface LibraryLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: LibraryLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
