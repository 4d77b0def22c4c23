/**
 * Redis key names for event streams.
 *
 * A logical stream (`events.catalog`, from `streamOf`) lives at `<prefix>{events.catalog}` and its
 * dead letters at `<prefix>{events.catalog}.dead`. The braces are a Redis Cluster hash tag: a
 * stream and its dead-letter stream share a slot, so moving a message to the dead-letter stream
 * and acknowledging it can be one MULTI on a cluster too.
 */

const STREAM_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

function assertStreamName(stream: string): void {
  if (!STREAM_NAME.test(stream)) {
    throw new Error(`Invalid stream name "${stream}": expected lowercase words joined by "." or "-", e.g. events.catalog`);
  }
}

/** The Redis key of a logical stream. */
export function streamKey(prefix: string, stream: string): string {
  assertStreamName(stream);
  return `${prefix}{${stream}}`;
}

/** The Redis key of a logical stream's dead-letter stream (same cluster slot as the stream). */
export function deadLetterKey(prefix: string, stream: string): string {
  return `${streamKey(prefix, stream)}.dead`;
}
