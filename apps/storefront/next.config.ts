import type { NextConfig } from 'next';
import { platformNextConfig } from '@shop/web-session/next-config';

const platform = platformNextConfig(import.meta.dirname);

/**
 * The password reset page and the unsubscribe pages carry their link's secret in their URL: they
 * send no Referer at all (Next.js applies every matching entry in order, so these override the
 * platform's `strict-origin-when-cross-origin` for those pages only).
 */
const config: NextConfig = {
  ...platform,
  async headers() {
    return [
      ...((await platform.headers?.()) ?? []),
      ...['/account/reset-password', '/back-in-stock/unsubscribe', '/unsubscribe'].map((source) => ({ source, headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] })),
    ];
  },
};

export default config;
