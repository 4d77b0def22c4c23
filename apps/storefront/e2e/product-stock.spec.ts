import { setStock, stockOf, stockedProduct } from './support/platform-api';
import { expect, screenshot, test } from './support/fixtures';

/**
 * The product page counts what the shopper's cart already holds: "Only 3 left — 2 are in your
 * cart", a quantity list of what can still be added, and no "Add to cart" when every unit left is
 * in the cart. Before, it said "Only 3 left" and offered 1–3 whatever the cart held, and the cart
 * then refused the add (409 OUT_OF_STOCK). The stock is set as a merchant would and put back.
 */
test("the product page takes the cart's units off the units left, and says when all of them are in the cart", async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'outdoor', 5, { untouched: true });
  try {
    const now = await stockOf(request, gatewayURL, product.sku);
    await setStock(request, gatewayURL, product.sku, now.onHand - now.available + 3);

    await page.goto(`/p/${product.slug}?sku=${product.sku}`);
    const quantity = page.getByLabel('Quantity', { exact: true });
    await expect(page.getByTestId('stock')).toHaveText('Only 3 left');
    await expect(quantity.locator('option')).toHaveText(['1', '2', '3']);
    await quantity.selectOption('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText('Added 2 ×');
    await expect(page.getByTestId('stock')).toHaveText('Only 3 left — 2 are in your cart');
    await expect(quantity.locator('option')).toHaveText(['1']);

    // The same after a reload (the cart is read with the stock).
    await page.reload();
    await expect(page.getByTestId('stock')).toHaveText('Only 3 left — 2 are in your cart');
    await expect(quantity.locator('option')).toHaveText(['1']);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText('Added 1 ×');

    // All three are in the cart: nothing more to add, and why.
    await page.reload();
    await expect(page.getByTestId('stock')).toHaveText('Only 3 left — 3 are in your cart');
    await expect(page.getByTestId('all-in-cart')).toHaveText('All 3 left are already in your cart. View cart →');
    await expect(page.getByRole('button', { name: 'Add to cart' })).toBeDisabled();
    await expect(quantity).toBeDisabled();
    await screenshot(page, '32-product-all-in-cart');
  } finally {
    await setStock(request, gatewayURL, product.sku, product.stock.onHand);
  }
});
