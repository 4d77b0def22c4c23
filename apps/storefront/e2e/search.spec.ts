import { centsOf } from './support/money';
import { expect, screenshot, test } from './support/fixtures';

test('the header box suggests as the shopper types, and the keyboard opens a suggestion', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('combobox', { name: 'Search products' });
  await box.click();
  await box.pressSequentially('hoo', { delay: 40 });
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const options = list.getByRole('option');
  await expect(options.first()).toContainText(/hoo/i);
  await screenshot(page, '40-search-suggestions');

  await box.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  const chosen = (await options.first().locator('span').first().textContent())!;
  await box.press('Enter');
  // A product suggestion opens its page, a category suggestion the category's.
  await expect(page).toHaveURL(/\/p\/|\/c\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen);

  // A category's name is offered as the category, and opens its page.
  await box.fill('');
  await box.pressSequentially('sweatsh', { delay: 40 });
  const category = list.getByRole('option').filter({ hasText: 'Hoodies & Sweatshirts' });
  await expect(category).toContainText('Category');
  await category.click();
  await expect(page).toHaveURL(/\/c\/hoodies$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoodies & Sweatshirts');

  // Escape closes the list, and a second Escape clears the box.
  await box.fill('');
  await box.pressSequentially('tee', { delay: 40 });
  await expect(list).toBeVisible();
  await box.press('Escape');
  await expect(list).toBeHidden();
  await box.press('Escape');
  await expect(box).toHaveValue('');
});

test('a misspelt search finds the product, facets and sorts live in the URL, and the back button restores them', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('combobox', { name: 'Search products' });
  await box.fill('organc cotton');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=organc\+cotton$/);
  await expect(page).toHaveTitle('Search: organc cotton · FlashShop');
  const hits = page.getByRole('list', { name: 'Search results' }).getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  await expect(hits.filter({ hasText: 'Organic Cotton' }).first()).toBeVisible();
  // The matched words are marked (as elements, not as text with tags in it).
  await expect(hits.first().locator('mark').first()).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('<mark>');
  const count = page.getByTestId('result-count');
  const all = countOf(await count.textContent());
  expect(all).toBeGreaterThan(0);
  await screenshot(page, '41-search-results');

  // A size facet: the URL says so, the results are the filtered ones.
  const sizes = page.getByRole('group', { name: 'Size' });
  await sizes.getByRole('checkbox', { name: /^M\b/ }).check();
  await expect(page).toHaveURL(/\/search\?q=organc\+cotton&size=M$/);
  await expect(sizes.getByRole('checkbox', { name: /^M\b/ })).toBeChecked();
  const withM = countOf(await count.textContent());
  expect(withM).toBeGreaterThan(0);
  expect(withM).toBeLessThanOrEqual(all);

  // A price sort on top: cheapest first.
  await page.getByLabel('Sort by').selectOption('price_asc');
  await expect(page).toHaveURL(/\/search\?q=organc\+cotton&size=M&sort=price_asc$/);
  await expect(page.getByLabel('Sort by')).toHaveValue('price_asc');
  // The sort is by the price each card shows (a sale, scheduled or price-list price with the list price struck through beside it).
  const prices = await Promise.all((await hits.all()).map(async (hit) => centsOf((await hit.getByTestId('search-price-now').textContent()) ?? '')));
  expect(prices.length).toBeGreaterThan(0);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
  await screenshot(page, '42-search-size-sorted');

  // Back: the sort goes, then the size.
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=organc\+cotton&size=M$/);
  await expect(page.getByLabel('Sort by')).toHaveValue('relevance');
  await expect(page.getByRole('group', { name: 'Size' }).getByRole('checkbox', { name: /^M\b/ })).toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=organc\+cotton$/);
  await expect(page.getByRole('group', { name: 'Size' }).getByRole('checkbox', { name: /^M\b/ })).not.toBeChecked();
  await expect(count).toHaveText(`${all} products`);
  // The box shows the query of the page it is on.
  await expect(box).toHaveValue('organc cotton');
});

test('result cards are listing cards: image, title, price and availability, never the SKU a search matched', async ({ page, request, gatewayURL }) => {
  // "tee" matches every TEE-… SKU: the API quotes them (for the console), the shop must not.
  const api = (await (await request.get(`${gatewayURL}/api/search?q=tee&limit=24`)).json()) as { items: { highlights: { field: string; snippet: string }[] }[] };
  const skus = api.items.flatMap((i) => i.highlights.filter((h) => h.field === 'sku').map((h) => h.snippet.replace(/<\/?mark>/g, '')));
  expect(skus.length).toBeGreaterThan(0);

  await page.goto('/search?q=tee');
  const hits = page.getByRole('list', { name: 'Search results' }).getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  const cards = await hits.allTextContents();
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    expect(card).not.toContain('SKU');
    for (const sku of skus) expect(card).not.toContain(sku);
  }
  const first = hits.first();
  await expect(first.getByRole('img')).toBeVisible();
  await expect(first.getByRole('heading', { level: 3 })).toContainText(/tee/i);
  await expect(first.getByTestId('search-price-now')).toBeVisible();
  await screenshot(page, '44-search-cards');
});

test('a category page filters its products: a size opens the category\'s filtered products, and the way back leads to it', async ({ page }) => {
  await page.goto('/c/apparel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apparel');
  const filters = page.getByRole('form', { name: 'Filters' });
  // The category is where the shopper is, not a filter to clear; its sub-categories are pages.
  await expect(filters.getByRole('link', { name: 'Clear all' })).toHaveCount(0);
  await expect(filters.getByRole('group', { name: 'Category' }).getByRole('link', { name: /^T-Shirts \(\d+\)$/ })).toHaveAttribute('href', '/c/t-shirts');
  await screenshot(page, '45-category-filters');

  await filters.getByRole('group', { name: 'Size' }).getByRole('checkbox', { name: /^XL\b/ }).check();
  await expect(page).toHaveURL(/\/search\?category=apparel&size=XL$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apparel');
  const count = countOf(await page.getByTestId('result-count').textContent());
  expect(count).toBeGreaterThan(0);
  await expect(page.getByRole('list', { name: 'Search results' }).getByTestId('search-hit').first()).toBeVisible();
  await expect(page.getByRole('form', { name: 'Filters' }).getByRole('group', { name: 'Size' }).getByRole('checkbox', { name: /^XL\b/ })).toBeChecked();

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Apparel' }).click();
  await expect(page).toHaveURL(/\/c\/apparel$/);
  await expect(page.getByRole('main').getByTestId('product-card').first()).toBeVisible();

  // On a phone the filters would push the products a screen down: folded until asked for.
  await page.setViewportSize({ width: 390, height: 844 });
  const toggle = page.getByRole('button', { name: 'Show filters' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('group', { name: 'Size' })).toBeHidden();
  await toggle.click();
  await expect(page.getByRole('button', { name: 'Hide filters' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('group', { name: 'Size' })).toBeVisible();
  await screenshot(page, '45b-category-filters-phone');
});

test('a search that finds nothing says what to try instead', async ({ page }) => {
  await page.goto('/search?q=qxzvwjjk%20plorf');
  const empty = page.getByTestId('no-results');
  await expect(empty).toBeVisible();
  await expect(empty.getByRole('heading')).toHaveText('Nothing matches “qxzvwjjk plorf”');
  await expect(page.getByTestId('result-count')).toHaveText('0 products');
  await expect(empty.getByText('Check the spelling, or try fewer words.')).toBeVisible();
  await screenshot(page, '43-search-empty');
  await empty.getByRole('link', { name: 'Browse all products' }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');
  expect(countOf(await page.getByTestId('result-count').textContent())).toBeGreaterThan(0);
});

function countOf(text: string | null): number {
  const match = /([\d,]+) products?/.exec(text ?? '');
  if (!match) throw new Error(`no result count in "${text}"`);
  return Number(match[1]!.replace(/,/g, ''));
}

test("the README's search examples answer what it says on the demo catalog", async ({ request, gatewayURL }) => {
  const get = async (path: string) => {
    const response = await request.get(`${gatewayURL}${path}`);
    expect(response.status(), path).toBe(200);
    return response.json();
  };
  const typo = (await get('/api/search?q=organc%20cotton')) as { items: { title: string }[] };
  expect(typo.items.some((i) => /^Organic Cotton .*Tee$/.test(i.title))).toBe(true);

  const tees = (await get('/api/search?q=tee&size=M&sort=price_asc')) as { total: number; items: { title: string; priceNow: { amount: number } }[]; facets: { size: { value: string; count: number }[] } };
  expect(tees.items.length).toBeGreaterThan(0);
  expect(tees.items.some((i) => / Tee$/.test(i.title))).toBe(true);
  expect(tees.items.map((i) => i.priceNow.amount)).toEqual(tees.items.map((i) => i.priceNow.amount).sort((a, b) => a - b));
  expect(tees.facets.size.find((f) => f.value === 'M')?.count).toBe(tees.total);

  const hoo = (await get('/api/search/suggest?q=hoo')) as { suggestions: { text: string; slug?: string }[] };
  expect(hoo.suggestions.some((s) => s.slug && /Hoodie$/.test(s.text))).toBe(true);
});
