import { adminApi } from '@shop/e2e-platform';
import { registerCustomer, setStock } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { addToCart } from './support/shopping';

/**
 * Signing in merges the guest cart into the account's cart, and the merge respects the stock:
 * others bought most of a lamp while it sat in the guest cart, so the merged line is cut to what
 * is left, signing in still works, and the cart says once what was cut.
 */

test('a guest cart merged at sign-in is cut to the stock left, and the cart says so once', async ({ page, request, gatewayURL }) => {
  const tag = Date.now().toString(36).toUpperCase();
  const sku = `MERGE-LAMP-${tag}`;
  const lamp = await adminApi<{ id: string; slug: string; title: string }>(
    request,
    gatewayURL,
    'POST',
    '/api/admin/products',
    { title: `Merge Lamp ${tag}`, status: 'active', variants: [{ sku, price: { amount: 3100, currency: 'EUR' } }] },
    'creating a product',
  );
  await setStock(request, gatewayURL, sku, 10);

  // The account already has one lamp in its cart.
  const email = uniqueEmail('merge');
  const password = 'correct horse battery';
  const token = await registerCustomer(request, gatewayURL, email, password);
  const own = await request.post(`${gatewayURL}/api/carts/current/items`, { data: { sku, quantity: 1 }, headers: { authorization: `Bearer ${token}` }, failOnStatusCode: false });
  expect(own.status(), await own.text()).toBe(200);

  // As a guest, four more; then others buy all but three.
  await addToCart(page, lamp.slug, sku, 4);
  await setStock(request, gatewayURL, sku, 3);

  await page.goto('/account/login?next=%2Fcart');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/cart$/);

  const notice = page.getByTestId('merge-notice');
  await expect(notice).toContainText(`We reduced ${lamp.title}`);
  await expect(notice).toContainText('to 3: only 3 are left.');
  const line = page.getByTestId('cart-line').filter({ hasText: lamp.title });
  await expect(line.getByRole('combobox')).toHaveValue('3');
  await expect(line.getByTestId('stock-problem')).toHaveCount(0);
  await screenshot(page, 'cart-merge-stock-notice');

  // Said once: the next visit has no notice.
  await page.reload();
  await expect(page.getByTestId('cart-line').filter({ hasText: lamp.title })).toBeVisible();
  await expect(page.getByTestId('merge-notice')).toHaveCount(0);
});
