import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { adminCredentials, screenshotInto, type ApiSession } from '@shop/e2e-platform';
import { join } from 'node:path';

const screensDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

/**
 * The console, the gateway and the storefront the global setup started (ports chosen per run).
 * `baseURL` is the console's, so `page.goto('/products')` opens a console page.
 */
/* eslint-disable no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object, here none */
export const test = base.extend<{ gatewayURL: string; storefrontURL: string }>({
  baseURL: async ({}, use) => {
    await use(process.env.ADMIN_E2E_URL);
  },
  gatewayURL: async ({}, use) => {
    await use(process.env.GATEWAY_E2E_URL ?? '');
  },
  storefrontURL: async ({}, use) => {
    await use(process.env.STOREFRONT_E2E_URL ?? '');
  },
});
/* eslint-enable no-empty-pattern */

export { expect };

/** Full-page screenshot into test-results/screens (kept as a test artifact: the issue asks for the main screens). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await screenshotInto(screensDir, page, name);
}

/** Signs in through the console's login form as the platform's first admin; lands on `next` (the console's front page by default). */
export async function signInAsAdmin(page: Page, next?: string): Promise<void> {
  const { email, password } = adminCredentials();
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admin-email')).toHaveText(email);
}

/**
 * Puts a gateway session straight into the console's cookies (as if the console had kept it):
 * how a journey proves that a customer's valid tokens still get nothing from the console.
 */
export async function useSessionCookies(context: BrowserContext, consoleURL: string, session: ApiSession): Promise<void> {
  await context.addCookies([
    { name: 'adm_at', value: session.accessToken, url: consoleURL, httpOnly: true, sameSite: 'Lax' },
    { name: 'adm_rt', value: session.refreshToken, url: consoleURL, httpOnly: true, sameSite: 'Lax' },
  ]);
}
