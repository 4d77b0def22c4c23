import { isDependencyUnavailable, type Logger } from '@shop/observability';

export interface SafetyNetOptions {
  logger: Logger;
  /** How the process ends on a genuine bug; injectable for tests. */
  exit?: (code: number) => void;
}

/**
 * What a service does with an error nobody caught. A dependency that dropped (a socket reset,
 * a closed Redis connection, a Postgres restart) is transient: log it and carry on — readiness
 * and the 503 answers already tell the world, and the clients reconnect. Anything else is a
 * programming error whose state we cannot trust: log it and exit 1, the runner restarts us.
 */
export function handleUncaught(error: unknown, origin: 'uncaughtException' | 'unhandledRejection', options: SafetyNetOptions): void {
  if (isDependencyUnavailable(error)) {
    options.logger.warn({ err: error, origin }, 'a dependency failed outside any request; carrying on');
    return;
  }
  options.logger.fatal({ err: error, origin }, 'uncaught error: exiting');
  (options.exit ?? ((code: number) => process.exit(code)))(1);
}

/** Installs the handlers on `process`; returns a function that removes them. */
export function installProcessSafetyNet(options: SafetyNetOptions): () => void {
  const onException = (error: unknown): void => handleUncaught(error, 'uncaughtException', options);
  const onRejection = (reason: unknown): void => handleUncaught(reason, 'unhandledRejection', options);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
