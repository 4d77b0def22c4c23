/**
 * Thrown by a handler (or the event router) when retrying cannot help: the message goes to the
 * dead-letter stream at once instead of after `maxAttempts` deliveries.
 */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}
