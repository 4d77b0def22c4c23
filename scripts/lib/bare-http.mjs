// The ceiling bench:reservations measures the engine against: a node:http server and nothing
// else, answering a reservation request as the engine does (read the body, parse the JSON, 201
// with a reservation of the same shape) without holding anything. What Node's HTTP stack allows
// on this machine for the same load generator, body and connections.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.env.BARE_HTTP_PORT);
if (!port) throw new Error('BARE_HTTP_PORT is required');

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let items;
    try {
      items = JSON.parse(Buffer.concat(chunks).toString('utf8')).items;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const body = JSON.stringify({ reservationId: randomUUID(), status: 'held', items, expiresAt: new Date(Date.now() + 600_000).toISOString() });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => process.exit(0));
