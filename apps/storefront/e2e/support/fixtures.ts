import { test as base, expect, type Page } from '@playwright/test';
import { screenshotInto } from '@shop/e2e-platform';
import { join } from 'node:path';

const screensDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

/** The storefront and gateway the global setup started (their ports are chosen per run). */
/* eslint-disable no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object, here none */
export const test = base.extend<{ gatewayURL: string; ordersURL: string }>({
  baseURL: async ({}, use) => {
    await use(process.env.STOREFRONT_E2E_URL);
  },
  gatewayURL: async ({}, use) => {
    await use(process.env.GATEWAY_E2E_URL ?? '');
  },
  /** The orders service itself (its internal API stands in for the checkout saga). */
  ordersURL: async ({}, use) => {
    await use(process.env.ORDERS_E2E_URL ?? '');
  },
});
/* eslint-enable no-empty-pattern */

export { expect };

/** Full-page screenshot into test-results/screens for a human to look at the design. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await screenshotInto(screensDir, page, name);
}

export { uniqueEmail } from '@shop/e2e-platform';
