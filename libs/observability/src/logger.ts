import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino } from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Service name, written on every line as `service`. */
  service: string;
  /** Minimum level; defaults to LOG_LEVEL, then `info`. */
  level?: string;
  /** Where lines go (default stdout). Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

/**
 * One JSON line per event, with `service`, `pid`, an ISO `time`, a string `level`, and the
 * trace/span ids of the active OpenTelemetry span so a log line can be joined to its trace.
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? process.env['LOG_LEVEL'] ?? 'info';
  return pino(
    {
      level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names rather than numbers: log stores and humans read them without a lookup table.
      formatters: { level: (label) => ({ level: label }) },
      mixin: activeTraceFields,
    },
    options.destination,
  );
}

function activeTraceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
