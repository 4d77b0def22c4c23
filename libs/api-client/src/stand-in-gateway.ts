import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a client sent to the stand-in. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StandInAnswer {
  status: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * For the client's unit tests: a real HTTP server standing in for the gateway (the client's
 * own HTTP is exercised, nothing of fetch is faked). It records every request into `seen` and
 * answers what `answer()` says at that moment. Not exported from the package.
 */
export async function startStandInGateway(seen: SeenRequest[], answer: () => StandInAnswer): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const { status, body: text, contentType, headers } = answer();
      res.writeHead(status, { 'content-type': contentType ?? 'application/json', ...headers });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
