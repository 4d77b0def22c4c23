// The platform as the Kubernetes base sees it: one entry per app. `generate.ts` writes
// infra/k8s/base from this table; infra/test checks the rendered overlays against the code (the
// variables each app reads, the addresses it calls), so a mistake here fails a test.

/** Secrets: created by `kubectl create secret` (infra/README.md, "Secrets"), never committed. */
export const secrets: Record<string, string[]> = {
  'flashshop-platform': ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'FORWARDED_CLIENT_SECRET', 'PRICING_QUOTE_SECRET', 'NOTIFICATIONS_TOKEN_SECRET', 'ADMIN_PASSWORD'],
  'flashshop-postgres': ['DATABASE_URL'],
  'flashshop-redis': ['REDIS_URL'],
  'flashshop-smtp': ['SMTP_URL'],
};

/** Which Secret holds a variable. */
export function secretOf(variable: string): string {
  const found = Object.entries(secrets).find(([, keys]) => keys.includes(variable));
  if (!found) throw new Error(`no Secret holds ${variable}`);
  return found[0];
}

const trustKeys = ['IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET'];
const store = { postgres: true, redis: true };

export interface App {
  name: string;
  port: number;
  /** Its own metrics listener (the gateway: /metrics never on the public port). */
  metricsPort?: number;
  prefix: string;
  /** service: behind the gateway; edge: the gateway; web: a Next.js server behind the Ingress. */
  kind: 'service' | 'edge' | 'web';
  postgres: boolean;
  redis: boolean;
  calls: string[];
  viaRegistry?: string[];
  smtp?: boolean;
  secrets: string[];
  config: Record<string, string>;
  /** [request, limit] */
  resources: { cpu: [string, string]; memory: [string, string] };
  /** [min, max]: an autoscaler when max > min. */
  replicas: [number, number];
}

/**
 * name: app (Deployment, Service, container name); port: its HTTP port; prefix: its variables'
 * prefix (<PREFIX>_PORT, <PREFIX>_HOST); calls: the apps it sends requests to (each becomes a
 * <NAME>_URL variable, a NetworkPolicy egress rule here and an ingress rule there; viaRegistry:
 * those it finds in the partition registry instead, with no URL variable);
 * secrets: variables read from Secrets; config: plain settings (ConfigMap);
 * resources: starting points, to be replaced by measured figures (see README).
 */
export const apps: App[] = [
  {
    name: 'catalog', port: 3001, prefix: 'CATALOG', kind: 'service', ...store, calls: [],
    secrets: trustKeys, config: {},
    resources: { cpu: ['250m', '1'], memory: ['256Mi', '512Mi'] }, replicas: [2, 10],
  },
  {
    // Each instance owns partitions (leases in Redis) and forwards to the owner: it calls its peers.
    name: 'inventory', port: 3002, prefix: 'INVENTORY', kind: 'service', ...store, calls: ['inventory'],
    secrets: trustKeys, config: { INVENTORY_PARTITIONS: '64' },
    resources: { cpu: ['500m', '2'], memory: ['256Mi', '512Mi'] }, replicas: [3, 3],
  },
  {
    name: 'cart', port: 3003, prefix: 'CART', kind: 'service', postgres: false, redis: true, calls: ['catalog', 'pricing', 'inventory'],
    secrets: trustKeys, config: { NODE_ENV: 'production' },
    resources: { cpu: ['250m', '1'], memory: ['192Mi', '384Mi'] }, replicas: [2, 10],
  },
  {
    name: 'orders', port: 3004, prefix: 'ORDERS', kind: 'service', ...store, calls: [],
    secrets: trustKeys, config: {},
    resources: { cpu: ['250m', '1'], memory: ['256Mi', '512Mi'] }, replicas: [2, 8],
  },
  {
    // The checkout saga; reaches inventory instances through the partition registry.
    name: 'payments', port: 3005, prefix: 'PAYMENTS', kind: 'service', ...store, calls: ['cart', 'orders', 'pricing', 'inventory'], viaRegistry: ['inventory'],
    secrets: trustKeys, config: { NODE_ENV: 'production', INVENTORY_PARTITIONS: '64' },
    resources: { cpu: ['250m', '1'], memory: ['256Mi', '512Mi'] }, replicas: [2, 8],
  },
  {
    name: 'pricing', port: 3006, prefix: 'PRICING', kind: 'service', ...store, calls: ['catalog', 'inventory'],
    secrets: [...trustKeys, 'PRICING_QUOTE_SECRET'], config: { INVENTORY_PARTITIONS: '64' },
    resources: { cpu: ['250m', '1'], memory: ['256Mi', '512Mi'] }, replicas: [2, 10],
  },
  {
    // 299 MB peak RSS during a 100,000-product reindex (docs/benchmarks.md): the limit leaves room.
    name: 'search', port: 3007, prefix: 'SEARCH', kind: 'service', ...store, calls: ['catalog', 'inventory', 'pricing'],
    secrets: trustKeys, config: { SEARCH_ENGINE: 'postgres' },
    resources: { cpu: ['250m', '1'], memory: ['384Mi', '768Mi'] }, replicas: [2, 6],
  },
  {
    // The live dashboard: polls every service's health and the gateway's metrics listener.
    name: 'analytics', port: 3008, prefix: 'ANALYTICS', kind: 'service', postgres: false, redis: true,
    calls: ['catalog', 'inventory', 'cart', 'orders', 'payments', 'pricing', 'search', 'gateway', 'gateway-metrics'],
    secrets: trustKeys, config: {},
    resources: { cpu: ['100m', '500m'], memory: ['128Mi', '256Mi'] }, replicas: [1, 1],
  },
  {
    // Sends mail through an SMTP relay outside the cluster; asks the gateway whether an account is
    // disabled, pricing whether a sale exists and the catalog what a back-in-stock SKU is called.
    // Links in mails point at the public addresses.
    name: 'notifications', port: 3009, prefix: 'NOTIFICATIONS', kind: 'service', ...store, calls: ['gateway', 'pricing', 'catalog'], smtp: true,
    secrets: [...trustKeys, 'SMTP_URL', 'NOTIFICATIONS_TOKEN_SECRET'],
    config: { PUBLIC_API_URL: 'https://api.example.com', STOREFRONT_URL: 'https://shop.example.com' },
    resources: { cpu: ['100m', '500m'], memory: ['128Mi', '256Mi'] }, replicas: [1, 3],
  },
  {
    name: 'gateway', port: 8080, metricsPort: 9080, prefix: 'GATEWAY', kind: 'edge', ...store,
    calls: ['catalog', 'inventory', 'cart', 'orders', 'payments', 'pricing', 'search', 'analytics', 'notifications'],
    secrets: ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'FORWARDED_CLIENT_SECRET', 'ADMIN_PASSWORD'],
    config: {
      NODE_ENV: 'production',
      INVENTORY_PARTITIONS: '64',
      // Only the Next.js servers vouch for a shopper's address; their signature (FORWARDED_CLIENT_SECRET)
      // is checked too. Pod addresses change: the overlay names the cluster's pod CIDR.
      GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8',
      // The ingress controller is the only proxy in front whose X-Forwarded-For counts.
      TRUST_PROXY: '10.0.0.0/8',
      CORS_ORIGINS: 'https://shop.example.com,https://admin.example.com',
    },
    resources: { cpu: ['500m', '2'], memory: ['256Mi', '512Mi'] }, replicas: [2, 20],
  },
  {
    name: 'storefront', port: 3000, prefix: 'STOREFRONT', kind: 'web', postgres: false, redis: false, calls: ['gateway'],
    secrets: ['FORWARDED_CLIENT_SECRET'], config: { STOREFRONT_TRUSTED_PROXIES: '10.0.0.0/8', STOREFRONT_ORIGINS: 'https://shop.example.com' },
    resources: { cpu: ['250m', '1'], memory: ['256Mi', '512Mi'] }, replicas: [2, 10],
  },
  {
    name: 'admin', port: 3010, prefix: 'ADMIN', kind: 'web', postgres: false, redis: false, calls: ['gateway'],
    secrets: ['FORWARDED_CLIENT_SECRET'], config: { ADMIN_TRUSTED_PROXIES: '10.0.0.0/8', ADMIN_ORIGINS: 'https://admin.example.com' },
    resources: { cpu: ['100m', '500m'], memory: ['192Mi', '384Mi'] }, replicas: [1, 2],
  },
];

/** A `calls` entry → the Service and port it reaches (the gateway's metrics listener is its own port). */
export function target(call: string): { app: string; port: number; variable: string } {
  if (call === 'gateway-metrics') return { app: 'gateway', port: 9080, variable: 'GATEWAY_METRICS_URL' };
  const app = apps.find((a) => a.name === call);
  if (!app) throw new Error(`unknown app ${call}`);
  return { app: app.name, port: app.port, variable: `${app.name.toUpperCase()}_URL` };
}
