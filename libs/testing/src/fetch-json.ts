import { identityHeaders, type TestIdentity } from './trust-headers.js';

/** An HTTP answer as tests read it. */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; the text itself when it is not JSON; undefined when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever shape they expect
}

export interface FetchJsonInit extends RequestInit {
  /** Sent as the JSON body, with `content-type: application/json`. */
  json?: unknown;
  /** Signed for this very request (method, path and query), as the gateway signs an identity. */
  identity?: TestIdentity;
}

/** `fetch` for tests: JSON in, status, headers, text and parsed body out (never throws on a non-JSON body). */
export async function fetchJson(url: string, init: FetchJsonInit = {}): Promise<JsonAnswer> {
  const { json, identity, ...rest } = init;
  const { pathname, search } = new URL(url);
  const res = await fetch(url, {
    ...rest,
    headers: {
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(identity ? identityHeaders(identity, { method: rest.method ?? 'GET', path: pathname + search }) : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: parseJsonOrText(text) };
}

/** JSON if it parses, else the text as it is; undefined for an empty body. */
export function parseJsonOrText(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
