import type { APIRequestContext } from '@playwright/test';
import { adminApi } from '@shop/e2e-platform';
import { setStock, stockOf, stockedProduct, type StockedProduct } from './support/platform-api';
import { expect, screenshot, test } from './support/fixtures';

/**
 * Stock the shopper can see before "Place order": the product page offers no more than the
 * public stock says is left, and the cart and checkout mark a line that sold out (or has fewer
 * left than the cart holds) and hold checkout until it is fixed. Before, both were accepted and
 * the order was cancelled after "Place order", with its cancellation mail. The stock is set as a
 * merchant would (the inventory admin API) and put back afterwards.
 */

/** Sets a SKU's on-hand so that `available` units are left to sell (what is held or sold stays). */
async function leaveAvailable(request: APIRequestContext, gatewayURL: string, sku: string, available: number): Promise<void> {
  const now = await stockOf(request, gatewayURL, sku);
  await setStock(request, gatewayURL, sku, now.onHand - now.available + available);
}

async function addToCart(page: import('@playwright/test').Page, product: StockedProduct, quantity = 1): Promise<void> {
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(product.sku);
  if (quantity > 1) await page.getByLabel('Quantity', { exact: true }).selectOption(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText(`Added ${quantity} ×`);
}

test('a low-stock SKU offers no more than is left, and the cart holds checkout when fewer are left than it holds', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'outdoor', 6, { untouched: true });
  try {
    await leaveAvailable(request, gatewayURL, product.sku, 4);
    // While the stock is being checked, neither the quantity nor "Add to cart" can be used: before,
    // the list offered 1–10 until the answer came. The answer is held back to see that moment.
    let answerStock: () => void = () => undefined;
    const stockAnswered = new Promise<void>((resolve) => (answerStock = resolve));
    await page.route(`**/api/stock/${product.sku}`, async (route) => {
      await stockAnswered;
      await route.continue();
    });
    await page.goto(`/p/${product.slug}?sku=${product.sku}`);
    await expect(page.getByTestId('stock')).toHaveText('Checking stock…');
    await expect(page.getByLabel('Quantity', { exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Add to cart' })).toBeDisabled();
    answerStock();
    await expect(page.getByTestId('stock')).toHaveText('Only 4 left');
    await expect(page.getByLabel('Quantity', { exact: true })).toBeEnabled();
    await page.unroute(`**/api/stock/${product.sku}`);
    // Before, the list offered 1–10 whatever the stock line said.
    await expect(page.getByLabel('Quantity', { exact: true }).locator('option')).toHaveText(['1', '2', '3', '4']);
    await addToCart(page, product, 3);

    await page.goto('/cart');
    const line = page.getByTestId('cart-line').filter({ hasText: product.title });
    await expect(line.getByRole('combobox').locator('option')).toHaveText(['1', '2', '3', '4']);
    await expect(line.getByTestId('stock-problem')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Checkout' })).toBeVisible();

    // Others bought some meanwhile: 2 left, 3 in the cart.
    await leaveAvailable(request, gatewayURL, product.sku, 2);
    await page.reload();
    await expect(line.getByTestId('stock-problem')).toHaveText('Only 2 left — lower the quantity');
    await expect(page.getByTestId('checkout-held')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Checkout' })).toHaveCount(0);
    await screenshot(page, '30-cart-over-stock');
    await page.goto('/checkout');
    await expect(page.getByTestId('checkout-held')).toContainText('fewer left than in your cart');
    await expect(page.getByTestId('checkout-line').filter({ hasText: product.title }).getByTestId('stock-problem')).toHaveText('Only 2 left — lower the quantity');
    await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);

    // Lowered to what is left: checkout opens.
    await page.goto('/cart');
    await expect(line.getByRole('combobox').locator('option')).toHaveText(['1', '2', '3']);
    await line.getByRole('combobox').selectOption('2');
    await expect(line.getByTestId('stock-problem')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Checkout' })).toBeVisible();
    await page.goto('/checkout');
    await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  } finally {
    await setStock(request, gatewayURL, product.sku, product.stock.onHand);
  }
});

test('a line that sells out in the cart is marked, and checkout is held until it is removed', async ({ page, request, gatewayURL }) => {
  const keep = await stockedProduct(request, gatewayURL, 'home', 3);
  const gone = await stockedProduct(request, gatewayURL, 'electronics', 3, { untouched: true });
  try {
    await addToCart(page, keep);
    await addToCart(page, gone);
    await page.goto('/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(2);
    await expect(page.getByTestId('stock-problem')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Checkout' })).toBeVisible();

    // The merchant's stock goes to nothing while it sits in the cart.
    await leaveAvailable(request, gatewayURL, gone.sku, 0);
    await page.reload();
    const goneLine = page.getByTestId('cart-line').filter({ hasText: gone.title });
    await expect(goneLine.getByTestId('stock-problem')).toHaveText('Sold out — remove it to check out');
    await expect(page.getByTestId('cart-line').filter({ hasText: keep.title }).getByTestId('stock-problem')).toHaveCount(0);
    await expect(page.getByTestId('checkout-held')).toContainText('sold out');
    await expect(page.getByRole('link', { name: 'Checkout' })).toHaveCount(0);
    await screenshot(page, '31-cart-sold-out');

    // Checkout, opened directly, names the line and places nothing.
    await page.goto('/checkout');
    await expect(page.getByTestId('checkout-held')).toBeVisible();
    await expect(page.getByTestId('checkout-line').filter({ hasText: gone.title }).getByTestId('stock-problem')).toHaveText('Sold out — remove it to check out');
    await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Review your cart' }).click();

    await expect(page).toHaveURL(/\/cart$/);
    await goneLine.getByRole('button', { name: `Remove ${gone.title}` }).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(page.getByTestId('checkout-held')).toHaveCount(0);
    await page.getByRole('link', { name: 'Checkout' }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
    await expect(page.getByTestId('stock-problem')).toHaveCount(0);
  } finally {
    await setStock(request, gatewayURL, gone.sku, gone.stock.onHand);
  }
});

test('a new product nobody has stocked yet reads out of stock and cannot be added to the cart', async ({ page, request, gatewayURL }) => {
  const tag = Date.now().toString(36).toUpperCase();
  const sku = `UNSTOCKED-${tag}`;
  const product = await adminApi<{ slug: string }>(
    request,
    gatewayURL,
    'POST',
    '/api/admin/products',
    { title: `Unstocked Mug ${tag}`, status: 'active', variants: [{ sku, title: 'Green', price: { amount: 1250, currency: 'EUR' } }] },
    'creating a product without stock',
  );
  await page.goto(`/p/${product.slug}`);
  await expect(page.getByTestId('stock')).toHaveText('Out of stock');
  await expect(page.getByRole('button', { name: /add to cart/i })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sold out' })).toBeDisabled();
  // Created without a description: no empty "About this product" heading.
  await expect(page.getByRole('heading', { name: 'About this product' })).toHaveCount(0);
});

test('above the low-stock level the count is not shown, but the cart still takes no more than is left and says how many', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'outdoor', 12, { untouched: true });
  try {
    await leaveAvailable(request, gatewayURL, product.sku, 12);
    await addToCart(page, product, 10);
    // The page shows no count above the low level, so it offers 1–10 again: the cart refuses the rest.
    await page.goto(`/p/${product.slug}?sku=${product.sku}`);
    await page.getByLabel('Quantity', { exact: true }).selectOption('5');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Only' })).toHaveText('Only 12 left. You already have 10 in your cart.');
    await page.goto('/cart');
    const line = page.getByTestId('cart-line').filter({ hasText: product.title });
    await expect(line.getByRole('combobox')).toHaveValue('10');
  } finally {
    await setStock(request, gatewayURL, product.sku, product.stock.onHand);
  }
});
