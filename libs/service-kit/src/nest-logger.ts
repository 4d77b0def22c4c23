import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@shop/observability';

// Nest's start-up chatter (one line per module and route) is useful only when debugging.
const CHATTY_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Sends Nest's own log calls to our JSON logger, with Nest's context as `context`. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = lastString(params);
    this.write(context && CHATTY_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest calls error(message, stack?, context?).
    const context = params.length >= 2 ? lastString(params) : undefined;
    const stack = typeof params[0] === 'string' && params.length >= 2 ? params[0] : undefined;
    if (message instanceof Error) this.logger.error({ err: message, context }, message.message);
    else this.logger.error({ context, stack }, String(message));
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, lastString(params));
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, lastString(params));
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, lastString(params));
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, lastString(params));
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'fatal', message: unknown, context: string | undefined): void {
    if (typeof message === 'string') this.logger[level]({ context }, message);
    else this.logger[level]({ context, data: message }, 'nest');
  }
}

function lastString(params: unknown[]): string | undefined {
  const last = params[params.length - 1];
  return typeof last === 'string' ? last : undefined;
}
