import { adminApi } from '@shop/e2e-platform';
import { expect, screenshot, signInAsAdmin, test } from './support/fixtures';

test.describe('products', () => {
  test('an admin creates a product in the console, sees API field errors next to the field, and finds the product in the storefront', async ({ page, storefrontURL }) => {
    const tag = Date.now().toString(36);
    const title = `Console Launch Tee ${tag}`;
    const sku = `CONSOLE-${tag.toUpperCase()}-M`;
    await signInAsAdmin(page, '/products');

    // The list: server-side pages, searchable.
    await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Products' }).getByRole('row')).toHaveCount(26); // header + one page of 25
    await screenshot(page, 'products-list');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/cursor=/);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(page).not.toHaveURL(/cursor=/);

    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('SKU').fill(sku);
    await page.getByLabel('Attributes').fill('size=M, colour=Navy');
    await page.getByLabel('Price (EUR)').fill('25.9');
    await page.getByRole('checkbox').first().check();

    // A slug the catalog refuses: its reason shows next to the slug field, nothing is created.
    await page.getByLabel('Slug').fill('Not A Slug');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.locator('#slug-error')).toHaveText('Slug must be lowercase words joined by hyphens.');
    await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, 'product-field-error');

    await page.getByLabel('Slug').fill('');
    await page.getByRole('button', { name: 'Create product' }).click();
    // Told where it shows and when: category pages are regenerated at most a minute apart.
    await expect(page.getByText(`Created “${title}”. In the shop its page shows it now, search within seconds, category pages within a minute.`)).toBeVisible();
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await screenshot(page, 'product-edit');

    // Findable in the console's list by its SKU...
    await page.goto(`/products?q=${sku}`);
    await expect(page.getByRole('link', { name: title })).toBeVisible();

    // ...and in the storefront: its page, and its search (indexed from the catalog's events).
    const slug = `console-launch-tee-${tag}`;
    await expect(async () => {
      await page.goto(`${storefrontURL}/p/${slug}`);
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible({ timeout: 2_000 });
      await expect(page.getByText('€25.90').first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(async () => {
      await page.goto(`${storefrontURL}/search?q=${encodeURIComponent(`console launch tee ${tag}`)}`);
      await expect(page.getByRole('link', { name: title }).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });

  test('a price of 0 is saved only once the admin confirms selling for free', async ({ page, request, gatewayURL }) => {
    const tag = Date.now().toString(36);
    const title = `Free Sample ${tag}`;
    await signInAsAdmin(page, '/products/new');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('SKU').fill(`SAMPLE-${tag.toUpperCase()}`);
    const price = page.getByLabel('Price (EUR)');
    await price.fill('0');
    // Warned as soon as it is typed; saving without the confirmation is refused next to the price.
    await expect(page.getByText('A price of 0 makes this variant free in the shop')).toBeVisible();
    const free = page.getByRole('checkbox', { name: 'Sell for free' });
    await expect(free).not.toBeChecked();
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.locator('[id="variants.0.price.amount-error"]')).toContainText('tick “Sell for free” to confirm');
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/products\/new$/);
    await screenshot(page, 'product-free-price');

    // A real price needs no confirmation; back to 0, the confirmation is asked again.
    await price.fill('4.5');
    await expect(free).toBeHidden();
    await price.fill('0.00');
    await expect(free).not.toBeChecked();
    await free.check();
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.getByText(`Created “${title}”`)).toBeVisible();
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
    const id = /\/products\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    const saved = await adminApi<{ variants: { price: { amount: number } }[] }>(request, gatewayURL, 'GET', `/api/admin/products/${id}`, undefined, 'reading the free product');
    expect(saved.variants[0]?.price.amount).toBe(0);
    // Reopened, its 0 is the confirmed one: other edits save without asking again.
    await expect(page.getByRole('checkbox', { name: 'Sell for free' })).toBeChecked();
  });

  test("a new product's variants have no stock until the admin sets an opening count from the product page", async ({ page, request, gatewayURL }) => {
    const tag = Date.now().toString(36).toUpperCase();
    const sku = `OPENING-${tag}`;
    const product = await adminApi<{ id: string }>(
      request,
      gatewayURL,
      'POST',
      '/api/admin/products',
      {
        title: `Opening Stock Mug ${tag}`,
        variants: [
          { sku, title: 'Green', price: { amount: 1250, currency: 'EUR' } },
          { sku: `SPARE-${tag}`, title: 'Blue', price: { amount: 1250, currency: 'EUR' } },
        ],
      },
      'creating a draft product',
    );
    await signInAsAdmin(page, `/products/${product.id}`);
    const row = page.getByTestId('variant-stock').getByRole('row').filter({ hasText: sku });
    await expect(row).toContainText('Not stocked yet');
    await row.getByRole('link', { name: `Set the opening stock of ${sku}` }).click();

    // The stock page opens at zero, says why, and offers the count (not a delta).
    await expect(page.getByTestId('not-stocked')).toContainText('No stock is recorded for this SKU yet');
    await expect(page).toHaveTitle(`Stock ${sku} · FlashShop admin`);
    await expect(page.getByTestId('stock-on-hand')).toHaveText('0');
    await expect(page.getByLabel('Change', { exact: true })).toHaveValue('set');
    await page.getByLabel('On hand').fill('12');
    await page.getByRole('button', { name: 'Set on hand' }).click();
    await expect(page.getByTestId('stock-on-hand')).toHaveText('12');
    await expect(page.getByTestId('not-stocked')).toHaveCount(0);

    // Reached without the product in the link (typed, bookmarked), a draft's SKU opens at zero too.
    await page.goto(`/inventory/SPARE-${tag}`);
    await expect(page.getByTestId('not-stocked')).toContainText('No stock is recorded for this SKU yet');
    await expect(page.getByTestId('stock-on-hand')).toHaveText('0');

    // A SKU no product has still has no page, with or without a product named.
    const missing = await page.goto(`/inventory/NO-SUCH-${tag}?product=${product.id}`);
    expect(missing?.status()).toBe(404);
    expect((await page.goto(`/inventory/NO-SUCH-${tag}`))?.status()).toBe(404);
    // Part of a real SKU is not that SKU.
    expect((await page.goto(`/inventory/SPARE-${tag.slice(0, -1)}`))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found', level: 1 })).toBeVisible();
    await expect(page.getByRole('main')).toHaveCount(1); // the console's, not a second one inside it
  });

  test('archiving asks first, then takes the product out of the shop', async ({ page, browser, request, gatewayURL, storefrontURL }) => {
    const tag = Date.now().toString(36);
    const product = await adminApi<{ id: string; slug: string; title: string }>(request, gatewayURL, 'POST', '/api/admin/products', {
      title: `Archive Me ${tag}`,
      status: 'active',
      variants: [{ sku: `ARCHIVE-${tag.toUpperCase()}`, price: { amount: 1000, currency: 'EUR' } }],
    }, 'creating a product to archive');
    // The shop has shown it (and may keep what it fetched).
    const shop = await browser.newPage({ baseURL: storefrontURL });
    expect((await shop.goto(`/p/${product.slug}`))?.status()).toBe(200);

    await signInAsAdmin(page, `/products/${product.id}`);
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: `Archive “${product.title}”?` });
    await expect(dialog).toBeVisible();
    // Focus starts on the safe choice; Escape cancels and changes nothing.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect((await request.get(`${gatewayURL}/api/products/${product.slug}`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Archive' }).click();
    await screenshot(page, 'product-archive-confirm');
    await dialog.getByRole('button', { name: 'Archive product' }).click();
    await expect(page.getByText(`Archived “${product.title}”`)).toBeVisible();
    await expect(page.getByText('This product is archived')).toBeVisible();
    expect((await request.get(`${gatewayURL}/api/products/${product.slug}`)).status()).toBe(404);
    // The shop's product page is gone at once, not a minute (or, before, for good) later.
    expect((await shop.goto(`/p/${product.slug}`))?.status()).toBe(404);
    await shop.close();
  });

  test('an admin uploads an image on the product page, sees it in the console, and the shop shows it first', async ({ page, request, gatewayURL, storefrontURL }) => {
    const tag = Date.now().toString(36);
    const product = await adminApi<{ id: string; slug: string; title: string }>(request, gatewayURL, 'POST', '/api/admin/products', {
      title: `Picture Tee ${tag}`,
      status: 'active',
      variants: [{ sku: `PICTURE-${tag.toUpperCase()}`, price: { amount: 1900, currency: 'EUR' } }],
    }, 'creating a product to picture');

    await signInAsAdmin(page, `/products/${product.id}`);
    const images = page.getByRole('region', { name: 'Images' });
    await expect(images.getByText('No images yet')).toBeVisible();

    // A file that is not an image is refused, with the reason next to the file field.
    await images.getByLabel('Image file (JPEG, PNG or WebP)').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text') });
    await images.getByRole('button', { name: 'Upload image' }).click();
    await expect(images.locator('#image-file-error')).toContainText('its content is not one');

    await images.getByLabel('Image file (JPEG, PNG or WebP)').setInputFiles({ name: 'tee.png', mimeType: 'image/png', buffer: Buffer.from(BLUE_PNG, 'base64') });
    await images.getByLabel('Description for screen readers').last().fill('A blue tee, folded');
    await images.getByRole('button', { name: 'Upload image' }).click();
    await expect(page.getByText('Uploaded tee.png')).toBeVisible();
    const thumbnail = images.getByRole('list', { name: 'Product images' }).getByRole('img', { name: 'A blue tee, folded' });
    await expect(thumbnail).toBeVisible();
    await expect(thumbnail).toHaveAttribute('src', /^\/media\/uploads\/[0-9a-f-]{36}\.png$/);
    // The picture really loads (served by the catalog, through the gateway and the console).
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
    await expect(images.getByText('4 × 3 px')).toBeVisible();
    await screenshot(page, 'product-images');

    // The storefront's product page and listing card show it.
    const src = await thumbnail.getAttribute('src');
    await expect(async () => {
      await page.goto(`${storefrontURL}/p/${product.slug}`);
      await expect(page.locator(`img[src="${src}"]`).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect.poll(() => page.locator(`img[src="${src}"]`).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
  });
});

/** A 4 × 3 px blue PNG. */
const BLUE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWOQizoBRww4OQAcvg8BpQOGdAAAAABJRU5ErkJggg==';
