import { firstProduct, setStock, stockOf, stockText } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';

test('unknown pages answer 404 with a way back', async ({ page }) => {
  const response = await page.goto('/p/no-such-product');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible();
  expect((await page.goto('/c/no-such-category'))?.status()).toBe(404);
  await screenshot(page, '10-not-found');
  await page.getByRole('link', { name: 'Back to the shop' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the account needs a sign-in, and a wrong password is refused', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/account\/login\?next=/);
  await expect(page).toHaveTitle('Sign in · FlashShop');
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match an account.');
  await screenshot(page, '11-login-error');
});

test('an empty cart says so', async ({ page }) => {
  await page.goto('/cart');
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(page.getByTestId('header-cart')).toContainText('0');
});

test('the product page shows the inventory\'s live stock, down to sold out', async ({ page, request, gatewayURL }) => {
  const product = await firstProduct(request, gatewayURL, 'electronics');
  // The demo seed stocked every SKU; the page shows what GET /api/inventory/:sku answers.
  const seeded = await stockOf(request, gatewayURL, product.sku);
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await expect(page.getByTestId('stock')).toHaveText(stockText(seeded.available));

  await setStock(request, gatewayURL, product.sku, 3);
  await page.reload();
  await expect(page.getByTestId('stock')).toHaveText('Only 3 left');
  await setStock(request, gatewayURL, product.sku, 0);
  await page.reload();
  await expect(page.getByTestId('stock')).toHaveText('Out of stock');
  await expect(page.getByRole('button', { name: 'Sold out' })).toBeDisabled();
});

test('the shop works on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/c/footwear');
  await expect(page.getByRole('main').getByTestId('product-card').first()).toBeVisible();
  // Two cards per row: the grid adapts instead of overflowing.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await screenshot(page, '12-mobile-category');
});

test('every category link in the header shows whole, signed in, on a laptop screen and a narrower one', async ({ page }) => {
  await page.goto('/account/register');
  await page.getByLabel('Email').fill(uniqueEmail('header'));
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const nav = page.getByRole('navigation', { name: 'Categories' });
  for (const width of [1280, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    const box = (await nav.boundingBox())!;
    const links = await nav.getByRole('link').all();
    expect(links.length).toBeGreaterThan(0);
    // Before, "Account" being wider than "Sign in" cut the last one ("Outdoo") at 1280 px.
    for (const link of links) {
      const own = (await link.boundingBox())!;
      expect(own.x + own.width, `${await link.textContent()} at ${width} px`).toBeLessThanOrEqual(box.x + box.width + 0.5);
    }
    await screenshot(page, `12b-header-${width}`);
  }
});
