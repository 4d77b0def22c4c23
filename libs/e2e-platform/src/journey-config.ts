import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './browser';

/**
 * The Playwright configuration of an app's journeys against the real platform: the global setup
 * starts every built app on free ports with a fresh, seeded database (start-platform.ts); one
 * platform, one browser at a time (the journeys share the gateway and its database); Debian's
 * Chromium, never a downloaded browser; the run's counts written for `npm test` (summary-reporter.ts).
 */
export function journeyConfig(options: { appDir: string; reportName: string; globalSetup: string }): PlaywrightTestConfig {
  return defineConfig({
    testDir: `${options.appDir}/e2e`,
    testMatch: '**/*.spec.ts',
    outputDir: `${options.appDir}/test-results/artifacts`,
    globalSetup: options.globalSetup,
    workers: 1,
    fullyParallel: false,
    // One retry in CI, for a journey that loses a race with the shared machine; `npm test` names
    // every journey that needed it (flaky) in its summary, so a retry never hides a pattern.
    retries: process.env.CI ? 1 : 0,
    timeout: 90_000,
    expect: { timeout: 20_000 },
    reporter: [['list'], [join(import.meta.dirname, 'summary-reporter.ts'), { name: options.reportName }]],
    use: {
      browserName: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      viewport: { width: 1280, height: 900 },
      screenshot: 'only-on-failure',
      trace: 'retain-on-failure',
      actionTimeout: 15_000,
      navigationTimeout: 30_000,
    },
  });
}
