// The load's HTTP client: one undici pool to the target, and the retries a real client makes:
// after a timeout the same request again with the same Idempotency-Key (the platform answers the
// first one's result, never a second effect); after 429 or 503 it waits what Retry-After says.
// Every attempt is recorded, so retries show in the figures instead of hiding in them.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Outcome, Recorder } from './recorder.js';

export interface ClientOptions {
  target: string;
  connections: number;
  timeoutMs: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Longest Retry-After honoured (s); a longer one ends the request as refused. */
  maxRetryAfterSeconds: number;
}

export interface CallOptions {
  endpoint: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** When the first attempt was due (performance.now()): its latency counts from then, not from when it left. */
  dueAt?: number;
  /** The stage the request counts in (by default the stage now). */
  stage?: string;
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each caller reads the shape its endpoint answers
  headers: Record<string, string | string[] | undefined>;
}

/** `error.code` of the platform's error body, e.g. OUT_OF_STOCK. */
export function errorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Retry-After in seconds (delta-seconds or an HTTP date); 1 s when absent or unreadable. */
export function retryAfterSeconds(value: string | string[] | undefined, nowMs = Date.now()): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return 1;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - nowMs) / 1000)) : 1;
}

export class LoadClient {
  private readonly pool: Pool;
  readonly origin: string;

  constructor(
    private readonly options: ClientOptions,
    private readonly recorder: Recorder,
    /** ms from the run's start, and the stage at a moment. */
    private readonly clock: { elapsedMs(at?: number): number; stageAt(ms: number): string },
  ) {
    this.origin = new URL(options.target).origin;
    this.pool = new Pool(this.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  /** The answer of the last attempt, or null when every attempt timed out or failed in transport. */
  async call(call: CallOptions): Promise<Answer | null> {
    let due = call.dueAt ?? performance.now();
    for (let attempt = 1; ; attempt++) {
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const sentMs = this.clock.elapsedMs(due);
      const stage = call.stage ?? this.clock.stageAt(sentMs);
      let outcome: Outcome;
      let answer: Answer | null = null;
      try {
        const response = await this.pool.request({
          path: call.path,
          method: call.method ?? 'GET',
          headers: { ...(call.json !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
          body: call.json !== undefined ? JSON.stringify(call.json) : undefined,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        });
        const text = await response.body.text();
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = text;
        }
        answer = { status: response.statusCode, body, headers: response.headers };
        outcome = { status: response.statusCode, code: response.statusCode >= 400 ? errorCode(body) : undefined };
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        outcome = code.includes('TIMEOUT') ? { status: 'timeout' } : { status: 'error', message: code || String(error) };
      }
      this.recorder.attempt(stage, call.endpoint, sentMs, outcome, performance.now() - due);
      if (attempt >= this.options.maxAttempts) return answer;
      const idempotent = (call.method ?? 'GET') === 'GET' || call.headers?.['idempotency-key'] !== undefined;
      if (outcome.status === 'timeout' || outcome.status === 'error') {
        // Same request, same key: a real client cannot know whether the first one was done.
        if (!idempotent) return answer;
        this.recorder.refused(`${call.endpoint}: ${outcome.status}, retried`);
        due = performance.now() + 100 * attempt;
        continue;
      }
      if (answer && (answer.status === 429 || answer.status === 503)) {
        const seconds = retryAfterSeconds(answer.headers['retry-after']);
        if (seconds > this.options.maxRetryAfterSeconds) return answer;
        this.recorder.refused(`${call.endpoint}: ${answer.status}, waited Retry-After`);
        due = performance.now() + seconds * 1000;
        continue;
      }
      return answer;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
