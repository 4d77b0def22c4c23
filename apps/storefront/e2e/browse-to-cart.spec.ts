import { centsOf } from './support/money';
import { stockOf, stockText } from './support/platform-api';
import { expect, screenshot, test } from './support/fixtures';

test('a shopper browses from the home page to a product and puts a variant in the cart', async ({ page, request, gatewayURL }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/FlashShop/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Everyday things');
  const newArrivals = page.getByRole('list', { name: 'New arrivals' }).getByTestId('product-card');
  await expect(newArrivals).toHaveCount(8);
  await expect(newArrivals.first()).toContainText(/€\d+\.\d{2}/);
  await expect(page.getByRole('heading', { name: 'Shop by category' })).toBeVisible();
  await screenshot(page, '01-home');

  // Category, sorted by price (by search: the price each card shows), then the next page through the API cursor.
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Apparel' }).click();
  await expect(page).toHaveURL(/\/c\/apparel$/);
  await expect(page).toHaveTitle('Apparel · FlashShop');
  await page.getByRole('link', { name: 'Price: low to high' }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  const cards = page.getByRole('main').getByTestId('search-hit');
  await expect(cards).toHaveCount(12);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(cards).toHaveCount(24);
  const lowest = await Promise.all((await cards.all()).map(async (card) => centsOf((await card.textContent()) ?? '')));
  expect(lowest).toEqual([...lowest].sort((a, b) => a - b));
  await screenshot(page, '02-category-price-asc');

  // Product: the stock line is the inventory's (GET /api/inventory/:sku, stock seeded by
  // scripts/db-seed.ts). Pick sizes from the largest down until one has stock; the SKU, the URL
  // and the price follow each choice.
  await cards.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/p\//);
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!;
  await expect(page).toHaveTitle(`${title} · FlashShop`);
  const sku = page.getByTestId('selected-sku');
  const firstSku = (await sku.textContent())!;
  const sizes = page.getByRole('group', { name: /Size/ }).getByRole('button');
  const sizeCount = await sizes.count();
  expect(sizeCount).toBeGreaterThan(1);
  let chosenSku: string | undefined;
  for (let i = sizeCount - 1; i >= 0 && chosenSku === undefined; i--) {
    await sizes.nth(i).click();
    await expect(sizes.nth(i)).toHaveAttribute('aria-pressed', 'true');
    if (i === sizeCount - 1) await expect(sku).not.toHaveText(firstSku);
    const shown = (await sku.textContent())!;
    await expect(page).toHaveURL(new RegExp(`sku=${shown}`));
    const level = await stockOf(request, gatewayURL, shown);
    await expect(page.getByTestId('stock')).toHaveText(stockText(level.available));
    if (level.available >= 3) chosenSku = shown;
  }
  expect(chosenSku, `a size of "${title}" with seeded stock`).toBeDefined();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
  const unit = centsOf((await page.getByTestId('price').textContent())!);
  await screenshot(page, '03-product');

  await page.getByLabel('Quantity').selectOption('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText(`Added 2 ×`);
  const variantTitle = /Added 2 × (.+) to your cart\./.exec((await page.getByRole('status').textContent())!)?.[1];
  expect(variantTitle).toBeTruthy();
  await expect(page.getByTestId('header-cart')).toContainText('2');

  // Cart: the line, its total, a quantity change.
  await page.getByRole('link', { name: 'View cart →' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page).toHaveTitle('Your cart · FlashShop');
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(title);
  await expect(line).toContainText(variantTitle!); // named as the product page named it ("Olive / M", not "M / Olive")
  await expect(line.getByTestId('line-total')).toHaveText(centsText(unit * 2));
  await expect(page.getByTestId('cart-subtotal')).toHaveText(centsText(unit * 2));
  await line.getByLabel(/Quantity of/).selectOption('3');
  await expect(page.getByTestId('cart-subtotal')).toHaveText(centsText(unit * 3));
  await expect(page.getByTestId('header-cart')).toContainText('3');
  await screenshot(page, '04-cart');

  await line.getByRole('button', { name: /Remove/ }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});

function centsText(cents: number): string {
  return `€${Math.floor(cents / 100).toLocaleString('en')}.${String(cents % 100).padStart(2, '0')}`;
}
