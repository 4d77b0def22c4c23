import { z } from 'zod';
import { MAX_RESERVATION_FRAME_ITEMS } from '@shop/contracts';
import { envFlag, envInt, postgresEnv, redisConfig, redisEnv, refineSecret } from '@shop/service-kit';
import { parseRateLimit } from './rate-limit/rate-limit-rules.js';
import type { RateLimitSettings } from './rate-limit/rate-limiter.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';
/** Once documented as the default admin password: refused everywhere. */
const PUBLISHED_ADMIN_PASSWORDS = new Set(['admin-dev-password', 'admin', 'password', 'changeme', 'admin123', 'adminadmin']);
const MIN_ADMIN_PASSWORD_LENGTH = 12;

/** No default: `npm start` generates secrets; anything short or known is refused in every environment. */
const secret = () => z.string().optional().superRefine(refineSecret).transform((v) => v as string);

const url = (fallback: string) => z.string().url().default(fallback);
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const rule = parseRateLimit(value);
      if (!rule) ctx.addIssue({ code: 'custom', message: 'must be "<requests>/<seconds>", e.g. 600/60' });
      return rule ?? { points: 1, durationSeconds: 1 };
    });

/** Environment of the gateway; every variable has a safe local default (see README, Configuration). */
export const GatewayEnv = z
  .object({
    NODE_ENV: z.string().default('development'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** This service's own bind address (default loopback only: only the gateway should face clients). */
    GATEWAY_HOST: z.string().default('127.0.0.1'),
    /** Prometheus metrics, on their own listener: never on the public port. 0 = a random port. */
    GATEWAY_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9080),
    GATEWAY_METRICS_HOST: z.string().default('127.0.0.1'),
    ...postgresEnv,
    ...redisEnv,
    // Upstream services: adding one is its URL variable here plus one line in upstreamUrls().
    CATALOG_URL: url('http://127.0.0.1:3001'),
    CART_URL: url('http://127.0.0.1:3003'),
    ORDERS_URL: url('http://127.0.0.1:3004'),
    PAYMENTS_URL: url('http://127.0.0.1:3005'),
    PRICING_URL: url('http://127.0.0.1:3006'),
    SEARCH_URL: url('http://127.0.0.1:3007'),
    ANALYTICS_URL: url('http://127.0.0.1:3008'),
    NOTIFICATIONS_URL: url('http://127.0.0.1:3009'),
    /** Inventory address used when the instance registry lists no live instance (none registered, or Redis down). */
    INVENTORY_URL: url('http://127.0.0.1:3002'),
    /** Must equal the inventory service's INVENTORY_PARTITIONS. */
    INVENTORY_PARTITIONS: envInt(64, 1),
    UPSTREAM_TIMEOUT_MS: envInt(5000, 1),
    /** Per-upstream timeouts overriding UPSTREAM_TIMEOUT_MS: "catalog=2000,inventory=500". */
    UPSTREAM_TIMEOUTS: z.string().default(''),
    UPSTREAM_CONNECTIONS: envInt(128, 1),
    UPSTREAM_RETRIES: envInt(2),
    UPSTREAM_MAX_CONCURRENT: envInt(512, 1),
    UPSTREAM_QUEUE: envInt(64),
    BREAKER_FAILURES: envInt(5, 1),
    BREAKER_HALF_OPEN_MS: envInt(5000, 1),
    GATEWAY_BODY_LIMIT_BYTES: envInt(262_144, 1),
    /** Largest multipart upload streamed through (a 5 MiB image plus its form's framing). */
    GATEWAY_UPLOAD_LIMIT_BYTES: envInt(5 * 1024 * 1024 + 64 * 1024, 1),
    TRUST_PROXY: z.string().default('false'),
    /**
     * Addresses/CIDRs (comma-separated) allowed to vouch for a shopper's address with the signed
     * `x-shop-forwarded-client` header (the storefront); empty: nobody. See edge/forwarded-client.ts.
     */
    GATEWAY_TRUSTED_PROXIES: z.string().default(''),
    /** The credential those proxies sign with (shared with the storefront); unset: no forwarded address is believed. */
    FORWARDED_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    CORS_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000,http://localhost:3002,http://127.0.0.1:3002'),
    JWT_SECRET: secret(),
    /** Signs the caller's identity for each upstream request; every service verifies it with the same key. */
    IDENTITY_SIGNING_SECRET: secret(),
    /**
     * The gateway's own service credential (signs `x-service-credential` as `gateway`): for
     * reservation frames (GATEWAY_RESERVATION_BATCHING) and password reset mails (notifications).
     * Unset: reservations go one by one, and asking for a reset link answers 503.
     */
    SERVICE_CREDENTIAL_SECRET: z.string().optional().superRefine((v, ctx) => (v === undefined ? undefined : refineSecret(v, ctx))),
    /**
     * Shoppers' `POST /api/inventory/reservations` bound for one inventory instance coalesced into
     * one internal request per event-loop turn (routing/reservation-frames.ts); needs
     * SERVICE_CREDENTIAL_SECRET. false: one upstream request per reservation.
     */
    GATEWAY_RESERVATION_BATCHING: envFlag(true),
    /** Most reservations in one frame (at most 128); a full frame leaves at once, without waiting for the turn to end. */
    GATEWAY_RESERVATION_FRAME_MAX: envInt(64, 1, MAX_RESERVATION_FRAME_ITEMS),
    JWT_ISSUER: z.string().min(1).default('flashshop'),
    JWT_AUDIENCE: z.string().min(1).default('flashshop-api'),
    ACCESS_TOKEN_TTL_SECONDS: envInt(900, 1),
    REFRESH_TOKEN_TTL_SECONDS: envInt(30 * 24 * 3600, 1),
    /** Absolute lifetime of a session: past it, refreshing is refused and the user logs in again. */
    SESSION_MAX_AGE_SECONDS: envInt(30 * 24 * 3600, 60),
    AUTH_USER_CACHE_MS: envInt(5000),
    /** How long a password reset link works. */
    PASSWORD_RESET_TTL_MINUTES: envInt(60, 5, 24 * 60),
    /** One reset mail per account per this many seconds (the earlier link keeps working). */
    PASSWORD_RESET_COOLDOWN_SECONDS: envInt(60, 0, 3600),
    ADMIN_EMAIL: z.email().default(DEFAULT_ADMIN_EMAIL),
    /** The first admin's password; without it no admin is created (`npm start` generates one). */
    ADMIN_PASSWORD: z
      .string()
      .min(MIN_ADMIN_PASSWORD_LENGTH, `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters long`)
      .refine((v) => !PUBLISHED_ADMIN_PASSWORDS.has(v.toLowerCase()), 'is a known, published password')
      .optional(),
    /**
     * For one start when the admin's password is lost: an existing ADMIN_EMAIL admin gets
     * ADMIN_PASSWORD as its password. Off: an existing admin is left as it is.
     */
    ADMIN_PASSWORD_RESET: envFlag(false),
    RATE_LIMIT_ENABLED: envFlag(true),
    RATE_LIMIT_MAX_LEASE: envInt(100, 1),
    RATE_LIMIT_DEFAULT: rateLimit('600/60'),
    RATE_LIMIT_AUTH: rateLimit('20/60'),
    /**
     * Guest order lookups (number + email) per client address: room for the confirmation page's
     * polling (about 8 a minute) and a few reloads, far too few to guess numbers and emails.
     */
    RATE_LIMIT_ORDER_LOOKUP: rateLimit('30/60'),
    RATE_LIMIT_RESERVATION: rateLimit('30/60'),
    RATE_LIMIT_CHECKOUT: rateLimit('10/60'),
    /** Guest carts one client address may create (anonymous POST /api/carts). */
    RATE_LIMIT_GUEST_CART: rateLimit('30/3600'),
    LOGIN_FAILURE_LIMIT: rateLimit('5/900'),
    /**
     * Failed logins of one account from anywhere after which it counts as under attack: each
     * client address then gets LOGIN_ATTEMPTS_UNDER_ATTACK tries per LOGIN_FAILURE_LIMIT window.
     */
    LOGIN_ACCOUNT_FAILURE_THRESHOLD: rateLimit('20/900'),
    LOGIN_ATTEMPTS_UNDER_ATTACK: envInt(2, 1),
  });
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export interface UpstreamConfig {
  url: string;
  timeoutMs: number;
  connections: number;
  retries: number;
  maxConcurrent: number;
  queue: number;
  breakerFailures: number;
  halfOpenAfterMs: number;
}

export interface GatewayConfig {
  port: number;
  host: string;
  metrics: { port: number; host: string };
  databaseUrl: string;
  databaseQueryTimeoutMs: number;
  redisUrl: string;
  redisPrefix: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  trustProxy: boolean | string[];
  /** Who may vouch for a shopper's address, and with which credential (null: nobody). */
  forwardedClient: { trustedProxies: string[]; secret: string } | null;
  corsOrigins: string[];
  /** By upstream name; route entries name one of these. */
  upstreams: Record<string, UpstreamConfig>;
  inventoryPartitions: number;
  auth: {
    jwtSecret: string;
    identitySigningKey: string;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    sessionMaxAgeSeconds: number;
    userCacheMs: number;
    /** Created at start when a password is configured. */
    admin: { email: string; password: string | undefined; resetPassword: boolean };
  };
  rateLimits: RateLimitSettings;
  /** Reset links are mailed through notifications on the gateway's service credential (`mail` false without one). */
  passwordReset: { ttlMinutes: number; cooldownSeconds: number; mail: boolean };
  /** Reservation frames to inventory (null: one upstream request per reservation). */
  reservationFrames: { serviceCredentialKey: string; maxItems: number } | null;
}

/** The services behind the gateway, by the name route entries use. */
function upstreamUrls(env: GatewayEnv): Record<string, string> {
  return { catalog: env.CATALOG_URL, cart: env.CART_URL, orders: env.ORDERS_URL, payments: env.PAYMENTS_URL, pricing: env.PRICING_URL, search: env.SEARCH_URL, analytics: env.ANALYTICS_URL, notifications: env.NOTIFICATIONS_URL, inventory: env.INVENTORY_URL };
}

export function gatewayConfigFrom(env: GatewayEnv): GatewayConfig {
  const timeouts = parseTimeouts(env.UPSTREAM_TIMEOUTS);
  const upstreams: Record<string, UpstreamConfig> = {};
  for (const [name, url] of Object.entries(upstreamUrls(env))) {
    upstreams[name] = {
      url,
      timeoutMs: timeouts[name] ?? env.UPSTREAM_TIMEOUT_MS,
      connections: env.UPSTREAM_CONNECTIONS,
      retries: env.UPSTREAM_RETRIES,
      maxConcurrent: env.UPSTREAM_MAX_CONCURRENT,
      queue: env.UPSTREAM_QUEUE,
      breakerFailures: env.BREAKER_FAILURES,
      halfOpenAfterMs: env.BREAKER_HALF_OPEN_MS,
    };
  }
  return {
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    metrics: { port: env.GATEWAY_METRICS_PORT, host: env.GATEWAY_METRICS_HOST },
    databaseUrl: env.DATABASE_URL,
    databaseQueryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    ...redisConfig(env),
    bodyLimitBytes: env.GATEWAY_BODY_LIMIT_BYTES,
    uploadLimitBytes: env.GATEWAY_UPLOAD_LIMIT_BYTES,
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    forwardedClient:
      env.FORWARDED_CLIENT_SECRET && listOf(env.GATEWAY_TRUSTED_PROXIES).length > 0
        ? { trustedProxies: listOf(env.GATEWAY_TRUSTED_PROXIES), secret: env.FORWARDED_CLIENT_SECRET }
        : null,
    corsOrigins: listOf(env.CORS_ORIGINS),
    upstreams,
    inventoryPartitions: env.INVENTORY_PARTITIONS,
    auth: {
      jwtSecret: env.JWT_SECRET,
      identitySigningKey: env.IDENTITY_SIGNING_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
      userCacheMs: env.AUTH_USER_CACHE_MS,
      admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, resetPassword: env.ADMIN_PASSWORD_RESET },
    },
    rateLimits: {
      enabled: env.RATE_LIMIT_ENABLED,
      maxLease: env.RATE_LIMIT_MAX_LEASE,
      classes: {
        default: env.RATE_LIMIT_DEFAULT,
        auth: env.RATE_LIMIT_AUTH,
        'order-lookup': env.RATE_LIMIT_ORDER_LOOKUP,
        reservation: env.RATE_LIMIT_RESERVATION,
        checkout: env.RATE_LIMIT_CHECKOUT,
        'guest-cart': env.RATE_LIMIT_GUEST_CART,
      },
      loginFailures: env.LOGIN_FAILURE_LIMIT,
      accountFailureThreshold: env.LOGIN_ACCOUNT_FAILURE_THRESHOLD,
      attemptsUnderAttack: env.LOGIN_ATTEMPTS_UNDER_ATTACK,
    },
    passwordReset: { ttlMinutes: env.PASSWORD_RESET_TTL_MINUTES, cooldownSeconds: env.PASSWORD_RESET_COOLDOWN_SECONDS, mail: env.SERVICE_CREDENTIAL_SECRET !== undefined },
    reservationFrames:
      env.GATEWAY_RESERVATION_BATCHING && env.SERVICE_CREDENTIAL_SECRET
        ? { serviceCredentialKey: env.SERVICE_CREDENTIAL_SECRET, maxItems: env.GATEWAY_RESERVATION_FRAME_MAX }
        : null,
  };
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "catalog=2000,inventory=500" → { catalog: 2000, inventory: 500 }; malformed parts are ignored. */
export function parseTimeouts(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of listOf(value)) {
    const [name, ms] = part.split('=').map((s) => s.trim());
    const n = Number(ms);
    if (name && Number.isInteger(n) && n > 0) out[name] = n;
  }
  return out;
}

/** "false" | "true" | a comma-separated list of proxy addresses/CIDRs whose X-Forwarded-For is trusted. */
function trustProxyFrom(value: string): boolean | string[] {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  return listOf(value);
}
