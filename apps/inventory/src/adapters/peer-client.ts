import { serviceCredentialHeaders } from '@shop/service-kit';

/** Marks a request another inventory instance forwarded, so it is never forwarded twice. */
export const HOP_HEADER = 'x-inventory-hop';

export interface PeerResponse {
  status: number;
  body: unknown;
  retryAfter?: string;
  /** The owner answered a stored reservation (header `idempotent-replayed`). */
  replayed?: boolean;
}

/** HTTP between inventory instances: forwarding to a partition's owner and participant holds. */
export class PeerClient {
  constructor(private readonly timeoutMs: number) {}

  async call(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<PeerResponse> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        [HOP_HEADER]: '1',
        // Peers' /internal routes and forwarded admin requests accept only a signed inventory credential.
        ...serviceCredentialHeaders('inventory'),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return {
      status: res.status,
      body: parseBody(await res.text()),
      retryAfter: res.headers.get('retry-after') ?? undefined,
      replayed: res.headers.get('idempotent-replayed') === 'true',
    };
  }
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
