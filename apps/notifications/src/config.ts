import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, listenerEnv, postgresEnv, processedEventEnv, processedEventRetentionMs, redisEnv, refineSecret, SERVICE_SECRET_VARIABLE, serviceConfig } from '@shop/service-kit';

// Compose passes an unset variable on as `VAR=` (`${VAR:-}`): empty means unset here.
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** Environment of the notifications service; every variable has a safe local default (see README). */
export const NotificationsEnv = z.object({
  ...listenerEnv('NOTIFICATIONS', 3009),
  ...postgresEnv,
  ...processedEventEnv,
  ...redisEnv,
  /** The shop's name, in every subject and signature. */
  SHOP_NAME: z.string().trim().min(1).max(100).default('FlashShop'),
  /** `From:` of every mail. */
  MAIL_FROM: z.string().trim().min(3).max(300).default('FlashShop <no-reply@flashshop.local>'),
  /** A real mail server (smtp://user:pass@host:587, smtps://…). Unset: mails are written as .eml files. */
  SMTP_URL: z.preprocess(unsetWhenEmpty, z.string().url().optional()),
  /** Where .eml files go when SMTP_URL is unset (relative to the working directory; git-ignored tmp/). */
  MAIL_DIR: z.string().min(1).default('tmp/mail'),
  /** Send attempts before a mail is dead-lettered (status failed). */
  NOTIFICATIONS_MAX_ATTEMPTS: envInt(5, 1, 50),
  /** First retry delay; each further one doubles (exponential backoff). */
  NOTIFICATIONS_BACKOFF_MS: envInt(2000, 10, 3_600_000),
  /** How often pending mails whose send job was never queued (Redis was away) are re-queued. */
  NOTIFICATIONS_SWEEP_MS: envInt(30_000, 100, 3_600_000),
  /** The public address of the gateway: unsubscribe links point at it. */
  PUBLIC_API_URL: z.string().url().default('http://127.0.0.1:8080'),
  /** The storefront's public address: sale and product links point at it. */
  STOREFRONT_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** The gateway's own address (accounts lookup: which address, which account is disabled). */
  GATEWAY_URL: z.string().url().default('http://127.0.0.1:8080'),
  /** Pricing (does a flash sale exist?). */
  PRICING_URL: z.string().url().default('http://127.0.0.1:3006'),
  /** The catalog (the product title and options a back-in-stock or sale mail names, and its page). */
  CATALOG_URL: z.string().url().default('http://127.0.0.1:3001'),
  NOTIFICATIONS_UPSTREAM_TIMEOUT_MS: envInt(2000, 1),
  /**
   * Signs unsubscribe links. Optional: by default a key is derived from SERVICE_CREDENTIAL_SECRET
   * (which every service has), so `npm start` needs no extra secret.
   */
  NOTIFICATIONS_TOKEN_SECRET: z.preprocess(unsetWhenEmpty, z.string().optional()).superRefine((v, ctx) => {
    if (v !== undefined) refineSecret(v, ctx);
  }),
  [SERVICE_SECRET_VARIABLE]: z.string().optional(),
});
export type NotificationsEnv = z.infer<typeof NotificationsEnv>;

export function notificationsConfigFrom(env: NotificationsEnv) {
  return {
    ...serviceConfig(env, 'NOTIFICATIONS'),
    processedEventRetentionMs: processedEventRetentionMs(env),
    shopName: env.SHOP_NAME,
    mailFrom: env.MAIL_FROM,
    smtpUrl: env.SMTP_URL,
    mailDir: resolve(env.MAIL_DIR),
    maxAttempts: env.NOTIFICATIONS_MAX_ATTEMPTS,
    backoffMs: env.NOTIFICATIONS_BACKOFF_MS,
    sweepMs: env.NOTIFICATIONS_SWEEP_MS,
    publicApiUrl: env.PUBLIC_API_URL.replace(/\/$/, ''),
    storefrontUrl: env.STOREFRONT_URL.replace(/\/$/, ''),
    gatewayUrl: env.GATEWAY_URL,
    pricingUrl: env.PRICING_URL,
    catalogUrl: env.CATALOG_URL,
    upstreamTimeoutMs: env.NOTIFICATIONS_UPSTREAM_TIMEOUT_MS,
    tokenSecret: env.NOTIFICATIONS_TOKEN_SECRET,
    serviceSecret: env[SERVICE_SECRET_VARIABLE],
    instanceId: `notifications-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

export type NotificationsConfig = ReturnType<typeof notificationsConfigFrom>;
