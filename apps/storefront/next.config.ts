import type { NextConfig } from 'next';
import { platformNextConfig } from '@shop/web-session/next-config';

const platform = platformNextConfig(import.meta.dirname);

/**
 * The password reset page carries the reset link's secret in its URL: it sends no Referer at all
 * (Next.js applies every matching entry in order, so this one overrides the platform's
 * `strict-origin-when-cross-origin` for that page only).
 */
const config: NextConfig = {
  ...platform,
  async headers() {
    return [...((await platform.headers?.()) ?? []), { source: '/account/reset-password', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] }];
  },
};

export default config;
