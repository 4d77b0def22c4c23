import { createPromotion, deletePromotion, stockedProduct } from './support/platform-api';
import { expect, screenshot, test } from './support/fixtures';

/**
 * A promotion shows where shoppers decide, not only in the cart: the product page names it with
 * its conditions, the category card carries a badge, and the cart takes it off. Before, the
 * product and category pages showed nothing of it, and search results did not until they were priced by pricing too.
 */
test('a promotion is announced on the product page, its category card and its search result, and the cart takes it off', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home', 1);
  const promotion = await createPromotion(request, gatewayURL, {
    name: 'Home week',
    target: { kind: 'sku', skus: [product.sku] },
    benefit: { kind: 'percent_off', percent: 20 },
  });
  try {
    await page.goto(`/p/${product.slug}?sku=${product.sku}`);
    await expect(page.getByTestId('promotions')).toHaveText('Home week: 20% off, taken off in your cart.');
    await screenshot(page, '40-product-promotion');

    await page.goto('/c/home');
    const card = page.getByRole('main').getByTestId('product-card').filter({ hasText: product.title });
    await expect(card.getByTestId('card-promotion')).toHaveText('20% off in your cart (Home week)');
    await expect(card.getByTestId('card-promotion')).toHaveAttribute('title', 'Home week');

    // A search result is the same card: it carries the badge too (the index knows list prices only).
    await page.goto(`/search?q=${encodeURIComponent(product.title)}`);
    const hit = page.getByRole('list', { name: 'Search results' }).getByTestId('search-hit').filter({ hasText: product.title }).first();
    await expect(hit.getByTestId('card-promotion')).toHaveText('20% off in your cart (Home week)');

    await page.goto(`/p/${product.slug}?sku=${product.sku}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText('Added 1 ×');
    await page.goto('/cart');
    await expect(page.getByTestId('cart-line').filter({ hasText: product.title })).toContainText('Home week');
  } finally {
    await deletePromotion(request, gatewayURL, promotion.id);
  }
  // Gone as soon as the merchant deletes it.
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await expect(page.getByTestId('price')).toBeVisible();
  await expect(page.getByTestId('promotions')).toHaveCount(0);
});
