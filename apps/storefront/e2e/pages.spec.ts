import { firstProduct, setStock, stockedProduct, stockOf, stockText } from './support/platform-api';
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
  // One no journey held or bought yet: the stock set below is then all available (and can go to 0).
  const product = await stockedProduct(request, gatewayURL, 'electronics', 1, { untouched: true });
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

/** The elements of the page's container that reach past its right padding (a layout wider than the screen). */
function pastRightPadding(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const container = document.querySelector('main .container')!;
    const limit = container.getBoundingClientRect().right - parseFloat(getComputedStyle(container).paddingRight);
    return [...container.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().right > limit + 1 && !el.closest('.visually-hidden'))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ends at ${el.getBoundingClientRect().right.toFixed(1)} > ${limit}`)
      .slice(0, 5);
  });
}

test('the shop works on a phone-sized screen', async ({ page, request, gatewayURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/c/footwear');
  await expect(page.getByRole('main').getByTestId('product-card').first()).toBeVisible();
  // Two cards per row: the grid adapts instead of overflowing.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await screenshot(page, '12-mobile-category');

  // The cart with a line in it, and checkout: nothing past the page's right padding (before, the
  // cart's column grew to its widest content and left a 5 px right margin against a 20 px left one).
  const product = await stockedProduct(request, gatewayURL, 'home', 1);
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  expect(await pastRightPadding(page), `/p/${product.slug}`).toEqual([]);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
  for (const path of ['/cart', '/checkout']) {
    await page.goto(path);
    await expect(page.getByText(product.title).first()).toBeVisible();
    expect(await pastRightPadding(page), path).toEqual([]);
  }
  await page.goto('/cart');
  await screenshot(page, '12c-mobile-cart');
});

test('every category link in the header shows whole, signed in, on a laptop screen and a narrower one', async ({ page }) => {
  await page.goto('/account/register');
  await page.getByLabel('Email').fill(uniqueEmail('header'));
  // One of the most common passwords is refused on its field, in words.
  await page.getByLabel('Password').fill('Password1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#password-error')).toHaveText('That is one of the most common passwords, the first ones tried: choose one that is harder to guess.');
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

test('the pages’ headings go down one level at a time, for screen readers’ outline', async ({ page, request, gatewayURL }) => {
  const product = await firstProduct(request, gatewayURL, 'footwear');
  for (const path of ['/', '/c/footwear', '/search?q=shoe', `/p/${product.slug}`]) {
    await page.goto(path);
    // Streamed pages (search) show their loading state first.
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
    const levels = await page.locator('main :is(h1, h2, h3, h4, h5, h6)').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    expect(levels[0], `${path} starts with its h1`).toBe(1);
    // Before, /c/footwear went from its h1 straight to the cards' h3s.
    levels.forEach((level, i) => {
      if (i > 0) expect(level - levels[i - 1]!, `${path}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(1);
    });
  }
});
