import { adminApi } from '@shop/e2e-platform';
import { centsOf } from './support/money';
import { expect, screenshot, test } from './support/fixtures';

interface ListedProduct {
  title: string;
  variants: { sku: string; price: { amount: number } }[];
}

/**
 * "Price: low to high" follows the price the cards show, not the catalog's list price: the
 * dearest apparel product, put on a price list below the cheapest one's list price, comes first
 * on the category page and in search, shown at that price with its list price struck through.
 */
test('a category sorted by price puts a product on a price list where its card price says, and back when the price ends', async ({ page, request, gatewayURL }) => {
  const listed = async (sort: 'price_asc' | 'price_desc') => {
    const response = await request.get(`${gatewayURL}/api/products?category=apparel&sort=${sort}&limit=1`);
    return ((await response.json()) as { items: ListedProduct[] }).items[0]!;
  };
  const [cheapest, dearest] = [await listed('price_asc'), await listed('price_desc')];
  // Below half the cheapest list price: below any sale (the demo's flash sale is at half price) too.
  const below = Math.floor(Math.min(...cheapest.variants.map((v) => v.price.amount)) / 2) - 100;
  expect(below).toBeGreaterThan(0);

  const cards = page.getByRole('main').getByTestId('search-hit');
  const firstTitle = async () => {
    await page.goto('/c/apparel?sort=price_asc');
    return cards.first().getByRole('heading').textContent();
  };

  const list = await adminApi<{ id: string }>(request, gatewayURL, 'POST', '/api/admin/price-lists', { name: 'Price sort journey', currency: 'EUR' }, 'creating a price list');
  try {
    const entries = dearest.variants.map((v) => ({ sku: v.sku, amount: below }));
    await adminApi(request, gatewayURL, 'PUT', `/api/admin/price-lists/${list.id}/entries`, { entries }, 'pricing the dearest apparel product below the cheapest');

    await expect.poll(firstTitle, { timeout: 15_000 }).toBe(dearest.title);
    const first = cards.first();
    await expect(first.getByTestId('search-price-now')).toHaveText(new RegExp(`€${(below / 100).toFixed(2).replace('.', '\\.')}`));
    await expect(first.getByTestId('search-price-was')).toBeVisible();
    // Every card reads in order of the price it shows.
    const shown = await Promise.all((await cards.all()).map(async (card) => centsOf((await card.getByTestId('search-price-now').textContent()) ?? '')));
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    await screenshot(page, '46-category-price-list-sorted');

    // The search page's category listing sorts the same way.
    await page.goto('/search?category=apparel&sort=price_asc');
    await expect(page.getByRole('list', { name: 'Search results' }).getByTestId('search-hit').first().getByRole('heading')).toHaveText(dearest.title);
  } finally {
    await adminApi(request, gatewayURL, 'DELETE', `/api/admin/price-lists/${list.id}`, undefined, 'deleting the price list');
  }
  // The list gone, the product is back at its list price, no longer first.
  await expect.poll(firstTitle, { timeout: 15_000 }).not.toBe(dearest.title);
});
