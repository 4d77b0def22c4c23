import type { PassThrough } from 'node:stream';
import type { LiveSubscriber } from '../application/live-feed.js';

/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2000;

/** Writes the feed's events in the text/event-stream format to a response body. */
export function sseStream(body: PassThrough): LiveSubscriber {
  body.write(`retry: ${RETRY_MS}\n\n`);
  return {
    event(name, data) {
      // JSON has no raw newlines, so one data line carries the whole event.
      if (!body.writableEnded) body.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      if (!body.writableEnded) body.write(`: ${text}\n\n`);
    },
    end() {
      if (body.closed) return Promise.resolve();
      const closed = new Promise<void>((resolve) => body.once('close', () => resolve()));
      body.end();
      return closed;
    },
  };
}
