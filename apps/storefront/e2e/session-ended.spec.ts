import type { BrowserContext, Page } from '@playwright/test';
import { adminApi, registerCustomerSession } from '@shop/e2e-platform';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { seedOrder } from './support/orders-api';
import { stockedProduct } from './support/platform-api';

/**
 * A session ended elsewhere (a password changed on another device, an account an admin disabled):
 * the gateway refuses the access token whose cookie this browser still holds. The storefront then
 * signs the shopper out as "Sign out" does and says so in a shopper's words, with the way back in;
 * the gateway's words about tokens never show, and what anyone may see (the stock line) still does.
 */

const SIGNED_OUT = "You've been signed out. Please sign in again.";
const PASSWORD = 'correct horse battery staple';

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

const header = (page: Page) => page.getByRole('banner');

async function sessionCookies(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name).filter((name) => ['sf_at', 'sf_rt', 'sf_email'].includes(name));
}

/** Signed out here as "Sign out" does: no session cookie left, the header offers to sign in, and the public stock line still shows. */
async function expectSignedOutHere(page: Page): Promise<void> {
  expect(await sessionCookies(page.context())).toEqual([]);
  await page.reload();
  await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('stock')).toBeVisible();
}

/** The sign-in link's target: the login form with `next` back to `returnTo`. */
async function signInBackTo(page: Page, returnTo: string, email: string, password: string): Promise<void> {
  await page.goto(`/account/login?next=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Presses "Add to cart" on a page opened while signed in; expects the signed-out answer and the link back here. */
async function addToCartSignedOut(page: Page, returnTo: string): Promise<void> {
  await page.getByRole('button', { name: 'Add to cart' }).click();
  const alert = page.getByRole('alert').filter({ hasText: SIGNED_OUT });
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText(/token|refresh/i);
  await expect(alert.getByRole('link', { name: /Sign in/ })).toHaveAttribute('href', `/account/login?next=${encodeURIComponent(returnTo)}`);
}

test('a password changed on another device signs this browser out at its next change, in a shopper’s words', async ({ page, browser, baseURL, request, gatewayURL }) => {
  const email = uniqueEmail('ended-pw');
  await registerCustomerSession(request, gatewayURL, email, PASSWORD);
  const product = await stockedProduct(request, gatewayURL, 'outdoor');
  const productPath = `/p/${product.slug}?sku=${product.sku}`;

  // This browser: signed in, on a product page.
  await signIn(page, email, PASSWORD);
  await page.goto(productPath);
  await expect(header(page).getByRole('link', { name: 'Account' })).toBeVisible();
  await expect(page.getByTestId('stock')).toBeVisible();

  // Another browser changes the password: every other session ends at once.
  const other = await browser.newContext({ baseURL });
  try {
    const elsewhere = await other.newPage();
    await signIn(elsewhere, email, PASSWORD);
    const form = elsewhere.getByRole('region', { name: 'Change password' });
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await form.getByLabel('Confirm new password').fill('a brand new passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(elsewhere.getByTestId('password-changed')).toBeVisible();
  } finally {
    await other.close();
  }

  await addToCartSignedOut(page, productPath);
  await screenshot(page, '60-session-ended-add-to-cart');
  await expectSignedOutHere(page);

  // The link's target signs in with the new password and comes back to the product.
  await signInBackTo(page, productPath, email, 'a brand new passphrase');
  await expect(page).toHaveURL(new RegExp(`/p/${product.slug}\\?sku=`));
  await expect(header(page).getByRole('link', { name: 'Account' })).toBeVisible();
});

test('an account an admin disabled is signed out at its next change and told why at sign-in', async ({ page, request, gatewayURL }) => {
  const email = uniqueEmail('ended-disabled');
  const session = await registerCustomerSession(request, gatewayURL, email, PASSWORD);
  const product = await stockedProduct(request, gatewayURL, 'outdoor');
  const productPath = `/p/${product.slug}?sku=${product.sku}`;

  await signIn(page, email, PASSWORD);
  await page.goto(productPath);
  await expect(page.getByTestId('stock')).toBeVisible();

  await adminApi(request, gatewayURL, 'POST', `/api/admin/users/${session.user.id}/disable`, {}, `disabling ${email}`);

  await addToCartSignedOut(page, productPath);
  await expectSignedOutHere(page);

  await signInBackTo(page, productPath, email, PASSWORD);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('This account has been disabled. Please contact the shop.');
});

test('the account page at 390 px: "Sign out" on one line inside the page, order badges lined up', async ({ page, request, gatewayURL, ordersURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const email = uniqueEmail('narrow-account');
  const session = await registerCustomerSession(request, gatewayURL, email, PASSWORD);
  const product = await stockedProduct(request, gatewayURL, 'outdoor');
  for (let i = 0; i < 2; i++) await seedOrder(request, ordersURL, session.user.id, { sku: product.sku, name: product.title, quantity: 1 });
  await signIn(page, email, PASSWORD);

  const content = await page.locator('main .container').first().boundingBox();
  const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
  expect(content && signOut).toBeTruthy();
  const padding = await page.locator('main .container').first().evaluate((el) => parseFloat(getComputedStyle(el).paddingRight));
  expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(content!.x + content!.width - padding + 0.5);
  expect(signOut!.height).toBeLessThan(50); // one line (min-height 44 px)

  const rows = page.getByTestId('order-row');
  await expect(rows).toHaveCount(2);
  const badges = await page.getByTestId('order-status').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
  const numbers = await rows.locator('a').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight)));
  // Each badge sits at its row's right edge, as the totals do.
  badges.forEach((right, i) => expect(Math.abs(right - numbers[i]!)).toBeLessThan(1));
  await screenshot(page, '61-account-390px');
});
