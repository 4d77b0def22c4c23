import { journeyConfig } from '@shop/e2e-platform';

/**
 * The console's journeys against the real platform, in one platform start for all of them: the
 * global setup starts every built app on free ports with a fresh, seeded database
 * (@shop/e2e-platform). Debian's Chromium, never a downloaded browser.
 */
export default journeyConfig({ appDir: import.meta.dirname, reportName: 'apps-admin-e2e', globalSetup: './e2e/support/global-setup.ts' });
