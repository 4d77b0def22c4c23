import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch } from 'undici';

/**
 * A server-sent events stream read by a test: events are collected as they arrive, so a test
 * can wait for the next one that matches, and close the connection like a browser tab closing.
 */
export class SseClient {
  readonly events: EventSourceMessage[] = [];
  /** Comment lines (heartbeats) seen. */
  readonly comments: string[] = [];
  status = 0;
  contentType: string | null = null;
  private readonly abort = new AbortController();
  /** Its own connection pool, destroyed on close: no connection of it outlives the stream. */
  private readonly agent = new Agent();
  private done = false;

  private constructor() {}

  /** Opens the stream; resolves once the response headers arrived. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.abort.signal, dispatcher: client.agent });
    client.status = res.status;
    client.contentType = res.headers.get('content-type');
    if (!res.body) return client;
    const parser = createParser({ onEvent: (event) => client.events.push(event), onComment: (comment) => client.comments.push(comment.trim()) });
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
      } catch {
        // aborted by close(), or the server went away
      } finally {
        client.done = true;
      }
    })();
    return client;
  }

  /** Whether the server ended the stream (or close() did). */
  get ended(): boolean {
    return this.done;
  }

  /**
   * The first event from index `after` on that is named `name` and passes `test` (parsed JSON
   * data); waits for it up to `timeoutMs` (generous: a deadline, not a timing assertion).
   */
  async next<T>(name: string, test: (data: T) => boolean = () => true, options: { after?: number; timeoutMs?: number } = {}): Promise<{ data: T; index: number }> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    let from = options.after ?? 0;
    for (;;) {
      for (; from < this.events.length; from++) {
        const event = this.events[from]!;
        if (event.event !== name) continue;
        const data = JSON.parse(event.data) as T;
        if (test(data)) return { data, index: from };
      }
      if (this.done) throw new Error(`the stream ended before a matching "${name}" event`);
      if (Date.now() > deadline) throw new Error(`no matching "${name}" event within ${options.timeoutMs ?? 30_000} ms (${this.events.length} events seen)`);
      await sleep(25);
    }
  }

  close(): void {
    this.abort.abort();
    void this.agent.destroy().catch(() => undefined);
  }
}
