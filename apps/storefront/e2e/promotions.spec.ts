import type { APIRequestContext } from '@playwright/test';
import { createPromotion, deletePromotion, stockedProduct } from './support/platform-api';
import { expect, screenshot, test } from './support/fixtures';

interface ListedProduct {
  slug: string;
  title: string;
  variants: { sku: string; attributes: Record<string, string> }[];
}

/** The first products of a category as the catalog lists them (the category page's first cards). */
async function listed(request: APIRequestContext, gatewayURL: string, category: string): Promise<ListedProduct[]> {
  const response = await request.get(`${gatewayURL}/api/products?category=${category}&limit=10`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: ListedProduct[] }).items;
}

/**
 * A promotion shows where shoppers decide, not only in the cart: the product page names it with
 * its conditions, the category card carries a badge, and the cart takes it off. Before, the
 * product and category pages showed nothing of it, and search results did not until they were priced by pricing too.
 */
test('a promotion is announced on the product page, its category card and its search result, and the cart takes it off', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home', 1);
  // Every variant of the product: a promotion on the whole product (one on some is badged as such, below).
  const skus = (await listed(request, gatewayURL, 'home')).find((p) => p.slug === product.slug)!.variants.map((v) => v.sku);
  const promotion = await createPromotion(request, gatewayURL, {
    name: 'Home week',
    target: { kind: 'sku', skus },
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

test('a promotion on some variants of a product is badged on its card as on selected ones, not on the whole product', async ({ page, request, gatewayURL }) => {
  // A product of several colours: the promotion takes off one colour (all its sizes) only.
  const product = (await listed(request, gatewayURL, 'apparel')).find((p) => new Set(p.variants.map((v) => v.attributes.colour)).size > 1)!;
  const colour = product.variants[0]!.attributes.colour!;
  const covered = product.variants.filter((v) => v.attributes.colour === colour);
  const other = product.variants.find((v) => v.attributes.colour !== colour)!;
  const promotion = await createPromotion(request, gatewayURL, {
    name: 'Colour of the week',
    target: { kind: 'sku', skus: covered.map((v) => v.sku) },
    benefit: { kind: 'percent_off', percent: 20 },
  });
  try {
    await page.goto('/c/apparel');
    const card = page.getByRole('main').getByTestId('product-card').filter({ hasText: product.title });
    // Before: "20% off", as though every colour and size were.
    await expect(card.getByTestId('card-promotion')).toHaveText('20% off selected colours in your cart (Colour of the week)');
    await screenshot(page, '41-card-promotion-some-variants');

    // The product page names it on a covered variant only.
    await page.goto(`/p/${product.slug}?sku=${covered[0]!.sku}`);
    await expect(page.getByTestId('promotions')).toHaveText('Colour of the week: 20% off, taken off in your cart.');
    await page.goto(`/p/${product.slug}?sku=${other.sku}`);
    await expect(page.getByTestId('selected-sku')).toHaveText(other.sku);
    await expect(page.getByTestId('promotions')).toHaveCount(0);
  } finally {
    await deletePromotion(request, gatewayURL, promotion.id);
  }
});
