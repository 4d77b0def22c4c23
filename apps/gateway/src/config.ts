import { z } from 'zod';

export const GatewayEnv = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  CATALOG_URL: z.string().url().default('http://127.0.0.1:3001'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
  UPSTREAM_CONNECTIONS: z.coerce.number().int().min(1).default(128),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export interface GatewayConfig {
  port: number;
  host: string;
  upstreams: Record<UpstreamName, { url: string; timeoutMs: number; connections: number }>;
}

export type UpstreamName = 'catalog';

export function gatewayConfigFrom(env: GatewayEnv): GatewayConfig {
  return {
    port: env.GATEWAY_PORT,
    host: env.HOST,
    upstreams: {
      catalog: { url: env.CATALOG_URL, timeoutMs: env.UPSTREAM_TIMEOUT_MS, connections: env.UPSTREAM_CONNECTIONS },
    },
  };
}
