import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { type ErrorBody, Failed, FailureCode } from '@shop/contracts';
import { UpstreamUnavailableError } from './service-client.js';
import { statusOfFailure } from './failure-status.js';
import type { Logger } from '@shop/observability';
import { findDependencyFailure } from '@shop/observability';
import { requestStateOf } from './request-context.js';

/**
 * Turns an error no built-in rule knows (a driver's or library's) into an HTTP answer, e.g.
 * `(e) => e instanceof UniqueViolation ? conflict(FailureCode.SKU_TAKEN, 'SKU already exists') : undefined`.
 * Return undefined to pass.
 */
export type ErrorMapper = (error: unknown) => Failed | HttpException | undefined;

export const RETRY_AFTER_SECONDS = 5;

interface Answer {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  retryAfterSeconds?: number;
  /** How to log it: bugs with their stack, dependency outages as warnings, client errors quietly. */
  severity: 'error' | 'warn' | 'debug';
}

// For errors that carry only a status (Nest's, Fastify's): the generic code of that status.
const CODE_BY_STATUS: Readonly<Record<number, FailureCode>> = {
  400: FailureCode.BAD_REQUEST,
  401: FailureCode.UNAUTHORIZED,
  403: FailureCode.FORBIDDEN,
  404: FailureCode.NOT_FOUND,
  409: FailureCode.CONFLICT,
  413: FailureCode.PAYLOAD_TOO_LARGE,
  415: FailureCode.UNSUPPORTED_MEDIA_TYPE,
  429: FailureCode.RATE_LIMITED,
  502: FailureCode.UPSTREAM_UNAVAILABLE,
  503: FailureCode.DEPENDENCY_UNAVAILABLE,
  504: FailureCode.UPSTREAM_TIMEOUT,
};

export function codeForStatus(status: number): FailureCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? FailureCode.INTERNAL : FailureCode.BAD_REQUEST);
}

/** Decides status, code and message for any thrown value. Exported for tests and reuse. */
export function answerFor(exception: unknown, mappers: readonly ErrorMapper[] = []): Answer {
  if (exception instanceof Failed) {
    const { code, message, details, retryAfterSeconds } = exception.failure;
    const status = statusOfFailure(code);
    return { status, code, message, details, retryAfterSeconds, severity: status >= 500 ? 'warn' : 'debug' };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);

  // Before the mappers: a service's "database unavailable" rule would otherwise claim another
  // service's outage too (the connection error is in this error's cause chain).
  if (exception instanceof UpstreamUnavailableError) {
    return {
      status: statusOfFailure(FailureCode.DEPENDENCY_UNAVAILABLE),
      code: FailureCode.DEPENDENCY_UNAVAILABLE,
      message: `${exception.service} is unavailable; retry shortly`,
      severity: 'warn',
    };
  }

  for (const mapper of mappers) {
    let mapped: Failed | HttpException | undefined;
    try {
      mapped = mapper(exception);
    } catch {
      // A broken mapper must not turn an error answer into a crash; the next rule decides.
      continue;
    }
    if (mapped) {
      const answer = answerFor(mapped);
      return { ...answer, severity: answer.status >= 500 ? 'warn' : 'debug' };
    }
  }

  const framework = frameworkClientError(exception);
  if (framework) return framework;

  const failure = findDependencyFailure(exception);
  if (failure) {
    // The driver's code and message (hosts, ports, users) go to the logs, not to the caller.
    return {
      status: statusOfFailure(FailureCode.DEPENDENCY_UNAVAILABLE),
      code: FailureCode.DEPENDENCY_UNAVAILABLE,
      message: 'A service dependency is unavailable; retry later',
      severity: 'warn',
    };
  }
  return { status: statusOfFailure(FailureCode.INTERNAL), code: FailureCode.INTERNAL, message: 'Internal server error', severity: 'error' };
}

function fromHttpException(exception: HttpException): Answer {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const cause = exception.cause;
  let message = exception.message;
  let details: unknown;
  // Fastify's own client errors arrive wrapped by Nest, with the Fastify error as the cause.
  if (isCode(cause, 'FST_ERR_CTP_INVALID_MEDIA_TYPE')) message = 'Unsupported Media Type';
  if (isCode(cause, 'FST_ERR_CTP_BODY_TOO_LARGE')) message = 'Request body is too large';
  if (isCode(cause, 'FST_ERR_CTP_EMPTY_JSON_BODY')) message = 'Request body is empty but content-type is application/json';
  if (cause instanceof SyntaxError || isCode(cause, 'FST_ERR_CTP_INVALID_JSON_BODY')) message = 'Malformed JSON body';
  // Nest's built-in pipes put their reasons in `message` as an array.
  if (typeof response === 'object' && response !== null && Array.isArray((response as { message?: unknown }).message)) {
    details = (response as { message: unknown[] }).message;
  }
  return { status, code: codeForStatus(status), message, details, severity: status >= 500 ? 'error' : 'debug' };
}

/** A client error raised by Fastify itself (malformed JSON, body too large, media type) unwrapped. */
function frameworkClientError(exception: unknown): Answer | undefined {
  if (!(exception instanceof Error)) return undefined;
  const status = (exception as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const wrapped = new HttpException(exception.message, status, { cause: exception });
  return fromHttpException(wrapped);
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * The one error filter: every failure leaves as `{ error: { code, message, details } }`
 * (contracts' ErrorBody). Unknown errors never leak their message or stack to the client;
 * they are logged with it.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(
    private readonly adapter: AbstractHttpAdapter,
    private readonly logger: Logger,
    private readonly mappers: readonly ErrorMapper[] = [],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ id?: string; method?: string; url?: string }>();
    const response = http.getResponse<unknown>();
    const answer = answerFor(exception, this.mappers);

    const state = requestStateOf(request);
    const logFields = {
      // Only bugs need their stack; an outage or a client error is told by its message.
      err: answer.severity === 'error' ? exception : briefly(exception),
      reqId: request?.id,
      method: request?.method,
      url: request?.url,
      status: answer.status,
      code: answer.code,
      traceId: state?.traceId,
    };
    if (answer.severity === 'error') this.logger.error(logFields, 'request failed');
    else if (answer.severity === 'warn') this.logger.warn(logFields, answer.message);
    state?.span.recordException(exception instanceof Error ? exception : String(exception));

    if (this.adapter.isHeadersSent(response)) return;
    const body: ErrorBody = { error: { code: answer.code, message: answer.message } };
    if (answer.details !== undefined) body.error.details = answer.details;
    if (answer.retryAfterSeconds !== undefined) this.adapter.setHeader(response, 'retry-after', String(answer.retryAfterSeconds));
    else if (answer.status === 503) this.adapter.setHeader(response, 'retry-after', String(RETRY_AFTER_SECONDS));
    this.adapter.reply(response, body, answer.status);
  }
}

function briefly(exception: unknown): string {
  const failure = findDependencyFailure(exception);
  const message = (failure ?? (exception as { message?: unknown }))?.message;
  return typeof message === 'string' ? message.trim().split('\n').at(-1)! : String(exception);
}
