import { adminApi } from '@shop/e2e-platform';
import { setStock, stockedProduct } from './support/platform-api';
import { expect, screenshot, test } from './support/fixtures';
import { addToCart } from './support/shopping';
import { centsOf } from './support/money';

/**
 * A line whose product the merchant archived after the shopper put it in the cart: the cart and
 * the checkout show it with the quantity the shopper chose, say it is no longer available and to
 * remove it, hold checkout until it is gone, and leave it out of every total.
 */

test('an archived line keeps its quantity, says it is no longer available, holds checkout and is left out of the totals', async ({ page, request, gatewayURL }) => {
  const tag = Date.now().toString(36).toUpperCase();
  const gone = await adminApi<{ id: string; slug: string; title: string }>(
    request,
    gatewayURL,
    'POST',
    '/api/admin/products',
    { title: `Retired Lamp ${tag}`, status: 'active', variants: [{ sku: `RETIRED-${tag}`, price: { amount: 4200, currency: 'EUR' } }] },
    'creating a product to archive',
  );
  await setStock(request, gatewayURL, `RETIRED-${tag}`, 20);
  const kept = await stockedProduct(request, gatewayURL, 'outdoor', 2);

  await addToCart(page, gone.slug, `RETIRED-${tag}`, 3);
  await addToCart(page, kept.slug, kept.sku, 1);
  await adminApi(request, gatewayURL, 'POST', `/api/admin/products/${gone.id}/archive`, {}, 'archiving the product');

  await page.goto('/cart');
  const cartLine = page.getByTestId('cart-line').filter({ hasText: gone.title });
  await expect(cartLine.getByRole('note')).toHaveText('No longer available — remove it to continue');
  await expect(cartLine.getByTestId('line-quantity')).toHaveText('3');
  await expect(page.getByTestId('checkout-held')).toBeVisible();
  expect(centsOf((await page.getByTestId('cart-subtotal').textContent())!)).toBe(kept.price);

  await page.goto('/checkout');
  await expect(page.getByTestId('checkout-held')).toBeVisible();
  const line = page.getByTestId('checkout-line').filter({ hasText: gone.title });
  await expect(line.getByTestId('checkout-line-quantity')).toHaveText('3 ×');
  await expect(line.getByTestId('line-unavailable')).toHaveText('No longer available — remove it to continue');
  // Not priced: nothing of it is in the subtotal or the total.
  await expect(line.getByTestId('checkout-line-total')).toHaveText('—');
  const keptLine = page.getByTestId('checkout-line').filter({ hasText: kept.title });
  await expect(keptLine.getByTestId('checkout-line-quantity')).toHaveText('1 ×');
  expect(centsOf((await page.getByTestId('checkout-subtotal').textContent())!)).toBe(kept.price);
  await screenshot(page, 'checkout-archived-line');

  // Removed in the cart: checkout goes on with the rest.
  await page.goto('/cart');
  await page.getByTestId('cart-line').filter({ hasText: gone.title }).getByRole('button', { name: /Remove/ }).click();
  await expect(page.getByTestId('cart-line').filter({ hasText: gone.title })).toHaveCount(0);
  await page.goto('/checkout');
  await expect(page.getByTestId('checkout-held')).toHaveCount(0);
  await expect(page.getByTestId('checkout-line')).toHaveCount(1);
});
