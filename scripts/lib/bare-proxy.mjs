// The floor bench:gateway measures the gateway against: a reverse proxy of node:http and undici
// and nothing else (no auth, limits, logs, metrics or resilience), forwarding every request to
// BARE_PROXY_TARGET and streaming the answer back. Started as its own process so its CPU time
// can be read from /proc like the gateway's.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const target = process.env.BARE_PROXY_TARGET;
const port = Number(process.env.BARE_PROXY_PORT);
if (!target || !port) throw new Error('BARE_PROXY_TARGET and BARE_PROXY_PORT are required');

const pool = new Pool(target, { connections: 64 });
// Hop-by-hop headers belong to one connection; a proxy never forwards them (RFC 9110 7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

function withoutHopByHop(headers) {
  const out = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name)) out[name] = headers[name];
  return out;
}

createServer(async (req, res) => {
  try {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const upstream = await pool.request({ method: req.method, path: req.url, headers: withoutHopByHop(req.headers), body: hasBody ? req : undefined });
    res.writeHead(upstream.statusCode, withoutHopByHop(upstream.headers));
    // A small body of known length goes out in one write with the headers (as the gateway does);
    // anything else streams through.
    const length = Number(upstream.headers['content-length']);
    if (length > 0 && length <= 64 * 1024) {
      res.end(Buffer.from(await upstream.body.arrayBuffer()));
      return;
    }
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
}).listen(port, '127.0.0.1');

// Exit normally on SIGTERM, so a CPU profile (BENCH_CPU_PROF) is written.
process.on('SIGTERM', () => process.exit(0));
