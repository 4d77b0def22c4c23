import { platformNextConfig } from '@shop/web-session/next-config';

// The console is never indexed (and its pages are all per-admin: see the root layout's `dynamic`).
export default platformNextConfig(import.meta.dirname, [{ key: 'X-Robots-Tag', value: 'noindex, nofollow' }]);
