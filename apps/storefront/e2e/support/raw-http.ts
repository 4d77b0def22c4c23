import { request as httpRequest } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Set-Cookie values by cookie name ('' when the answer deletes the cookie). */
  cookies: Record<string, { value: string; attributes: string }>;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Source address (any 127.x.y.z): a shopper on another machine, as the storefront sees it. */
  from?: string;
}

/**
 * One HTTP request as an attacker's script (or a cross-site form) sends it: exactly these
 * headers, no browser adding Origin or Sec-Fetch-*, from a chosen source address.
 */
export function rawRequest(baseURL: string, path: string, options: RawRequest = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers, localAddress: options.from },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const cookies: RawAnswer['cookies'] = {};
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair = '', ...attributes] = line.split(';');
            const eq = pair.indexOf('=');
            cookies[pair.slice(0, eq).trim()] = { value: decodeURIComponent(pair.slice(eq + 1).trim()), attributes: attributes.join(';') };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, cookies, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The headers the shop's own pages send with a change (same-origin fetch of JSON). */
export function sameOriginJson(baseURL: string): Record<string, string> {
  return { 'content-type': 'application/json', origin: new URL(baseURL).origin, 'sec-fetch-site': 'same-origin' };
}
