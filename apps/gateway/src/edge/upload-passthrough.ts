import type { IncomingMessage } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { Failed, FailureCode } from '@shop/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * An upload's body on its way through the gateway: the client's bytes as a stream (never parsed,
 * never buffered whole), cut off at the upload limit. The upstream reads and checks the form.
 */
export class StreamedBody {
  constructor(
    readonly stream: Readable,
    /** The client's Content-Length, when it sent one (then the stream is exactly that long). */
    readonly length: number | undefined,
  ) {}
}

/** The stream passed the upload limit (a body sent without a Content-Length, or a lying one). */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the upload is larger than ${limitBytes} bytes`);
  }
}

export function uploadTooLarge(limitBytes: number): Failed {
  return Failed.of(FailureCode.PAYLOAD_TOO_LARGE, `the upload is larger than ${limitBytes} bytes`, [{ field: 'body', reason: `must be at most ${limitBytes} bytes` }]);
}

/** Passes bytes through until more than `limitBytes` went by, then fails the stream. */
function limited(source: Readable, limitBytes: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limitBytes) callback(new UploadTooLargeError(limitBytes));
      else callback(null, chunk);
    },
  });
  source.on('error', (err) => counter.destroy(err));
  return source.pipe(counter);
}

/** Largest multipart form a route that takes forms is given (a one-click unsubscribe's is under 200 bytes). */
export const FORM_BODY_LIMIT_BYTES = 4096;

type ParserDone = (err: Error | null, body?: unknown) => void;

/**
 * Reads a small body whole, as text; over `limitBytes` (declared or counted) it is refused with
 * 413, and the rest is drained unread so the answer can still be sent.
 */
function readSmallBody(payload: IncomingMessage, limitBytes: number, done: ParserDone): void {
  if (Number(payload.headers['content-length'] ?? 0) > limitBytes) {
    payload.resume();
    done(formTooLarge(limitBytes));
    return;
  }
  const chunks: Buffer[] = [];
  let seen = 0;
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= limitBytes) return void chunks.push(chunk);
    stop();
    payload.resume();
    done(formTooLarge(limitBytes));
  };
  const onEnd = () => {
    stop();
    done(null, Buffer.concat(chunks).toString('utf8'));
  };
  const onError = (err: Error) => {
    stop();
    done(err);
  };
  const stop = () => {
    payload.off('data', onData);
    payload.off('end', onEnd);
    payload.off('error', onError);
  };
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
}

function formTooLarge(limitBytes: number): Failed {
  return Failed.of(FailureCode.PAYLOAD_TOO_LARGE, `the form is larger than ${limitBytes} bytes`, [{ field: 'body', reason: `must be at most ${limitBytes} bytes` }]);
}

/**
 * The gateway's parser of `multipart/form-data`: on a route whose table entry takes uploads it
 * hands the body on as a StreamedBody (a declared length over the limit is refused at once with
 * 413); on one that takes forms, a small body as text; anywhere else 415. The edge has already
 * authenticated and authorized the request (it runs before any body is read), so a refused
 * caller's upload is never read.
 */
export function multipartPassthrough(limitBytes: number) {
  return (request: FastifyRequest, payload: IncomingMessage, done: ParserDone): void => {
    if (request.routeOptions.config.forms && !request.routeOptions.config.uploads) {
      readSmallBody(payload, FORM_BODY_LIMIT_BYTES, done);
      return;
    }
    if (!request.routeOptions.config.uploads) {
      done(Failed.of(FailureCode.UNSUPPORTED_MEDIA_TYPE, 'this route does not take multipart/form-data', [{ field: 'body', reason: 'must be application/json' }]));
      return;
    }
    const header = request.headers['content-length'];
    const length = header === undefined ? undefined : Number(header);
    if (length !== undefined && length > limitBytes) {
      done(uploadTooLarge(limitBytes));
      return;
    }
    done(null, new StreamedBody(limited(payload, limitBytes), length));
  };
}
