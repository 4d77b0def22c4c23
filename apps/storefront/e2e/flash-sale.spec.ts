import type { Page } from '@playwright/test';
import { adminApi } from '@shop/e2e-platform';
import { randomUUID } from 'node:crypto';
import { centsOf } from './support/money';
import { createCoupon, createFlashSale, holdAsCustomer, inSeconds, registerCustomer, stockOf, stockedProduct, stopFlashSale, type StockedProduct } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';

/**
 * Flash sales on the real platform: a merchant schedules a sale through the admin API (pricing
 * configures the inventory engine), shoppers watch its countdown, hold a unit at the sale price
 * and check out with that hold, see it sell out, and wait in the waiting room when the gateway
 * sheds their holds (the e2e platform gives holds a budget of one per RESERVATION_BUDGET_SECONDS
 * per customer: see support/platform.ts). Nothing is faked: every answer is the platform's.
 */

const PASSWORD = 'correct horse battery staple';
/** A sale in the first journey opens this long after it is scheduled: time to see its countdown on a slow machine. */
const START_IN_SECONDS = 30;
/** The e2e platform's reservation budget: 1 hold per this many seconds per customer. */
const RESERVATION_BUDGET_SECONDS = 8;

async function registerInBrowser(page: Page, tag: string): Promise<string> {
  const email = uniqueEmail(tag);
  await page.goto('/account/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  return email;
}

async function fillAddress(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill('Grace Hopper');
  await page.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await page.getByLabel('City').fill('Dublin');
  await page.getByLabel('Postal code').fill('D02 X285');
  await page.getByLabel('Country').selectOption('IE');
}

/** 30% off, in whole cents. */
function salePriceOf(product: StockedProduct): number {
  return Math.round(product.price * 0.7);
}

function euros(cents: number): string {
  return `€${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Console errors and uncaught page errors (a hydration mismatch is one: React #418), collected from now on. */
function watchPageErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
  return seen;
}

test("a scheduled sale's page hydrates without an error, its countdown on the server's time, with and without a session", async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'apparel', 2, { untouched: true });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePriceOf(product), currency: 'EUR' },
    units: 2,
    perCustomerLimit: 1,
    startsAt: inSeconds(3 * 3600),
    endsAt: inSeconds(4 * 3600),
  });
  try {
    const errors = watchPageErrors(page);
    for (const who of ['guest', 'customer']) {
      if (who === 'customer') await registerInBrowser(page, 'sale-hydration');
      await page.goto(`/sales/${sale.id}`);
      await expect(page.getByTestId('sale-phase')).toContainText('Coming soon');
      const countdown = page.getByTestId('countdown');
      await expect(countdown).toHaveText(/^0[23]:\d\d:\d\d$/);
      // Hydrated: the countdown ticks in the browser.
      const first = (await countdown.textContent())!;
      await expect(countdown).not.toHaveText(first);
      expect(errors, `${who}: the page logs no error while loading and hydrating`).toEqual([]);
    }
  } finally {
    // Not started: cancelled (its limit leaves the engine), so later journeys may use the SKU.
    await adminApi(request, gatewayURL, 'POST', `/api/admin/flash-sales/${sale.id}/cancel`, undefined, `cancelling flash sale ${sale.id}`).catch(() => undefined);
  }
});

test('a sale counts down on the server clock, opens on time and sells at the sale price with the hold', async ({ page, request, gatewayURL }) => {
  // The wait for the start and the whole purchase (the saga settles after the 202) take a while here.
  test.setTimeout(180_000);
  const product = await stockedProduct(request, gatewayURL, 'apparel', 5, { untouched: true });
  const salePrice = salePriceOf(product);
  await registerInBrowser(page, 'sale-buyer');
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePrice, currency: 'EUR' },
    units: 3,
    perCustomerLimit: 1,
    startsAt: inSeconds(START_IN_SECONDS),
    endsAt: inSeconds(600),
  });
  expect(sale.status).toBe('scheduled');

  // The home page lists it as upcoming, with its countdown and both prices.
  await page.goto('/');
  const card = page.getByRole('list', { name: 'Flash sales' }).getByTestId('sale-card').filter({ hasText: product.title });
  await expect(card).toContainText('Coming soon');
  await expect(card.getByTestId('countdown')).toHaveText(/^00:00:\d\d$/);
  await expect(card.getByTestId('sale-price-now')).toHaveText(euros(salePrice));
  await expect(card.getByTestId('sale-price-was')).toContainText(euros(product.price));

  // The sales have a page of their own (it answered 404 before), linked from the home page's section.
  await page.getByRole('link', { name: 'All flash sales →' }).click();
  await expect(page).toHaveURL(/\/sales$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Flash sales');
  await expect(page.getByRole('list', { name: 'Flash sales' }).getByTestId('sale-card').filter({ hasText: product.title })).toContainText('Coming soon');

  await page.goto(`/sales/${sale.id}`);
  await expect(page.getByTestId('sale-phase')).toContainText('Coming soon');
  const countdown = page.getByTestId('countdown');
  await expect(countdown).toHaveText(/^00:00:[0-3]\d$/);
  const first = (await countdown.textContent())!;
  await expect(countdown).not.toHaveText(first); // it ticks
  await expect(page.getByTestId('sale-limit')).toContainText('Limit: 1 per customer');
  await expect(page.getByTestId('units-remaining')).toHaveText('3 units at this price');
  const buy = page.getByRole('button', { name: 'Opens when the countdown ends' });
  await expect(buy).toBeDisabled();
  await screenshot(page, '20-sale-countdown');

  // At the start (server time) the button comes alive by itself.
  await expect(page.getByRole('button', { name: 'Buy now' })).toBeEnabled({ timeout: (START_IN_SECONDS + 10) * 1000 });
  await expect(page.getByTestId('sale-phase')).toContainText('Live now');
  await expect(page.getByTestId('units-remaining')).toHaveText('3 of 3 left');
  await page.getByRole('button', { name: 'Buy now' }).click();

  // The unit is held at once and the shopper goes to checkout with that hold.
  await expect(page).toHaveURL(/\/checkout\?hold=r\d+_[0-9a-f-]{36}/);
  await expect(page.getByTestId('hold-notice')).toContainText('held for you');
  const held = await stockOf(request, gatewayURL, product.sku);
  expect(held.reserved).toBe(product.stock.reserved + 1);
  const summary = page.getByRole('complementary', { name: 'Your order' });
  await expect(summary).toContainText(product.title);
  expect(centsOf((await page.getByTestId('checkout-subtotal').textContent())!)).toBe(salePrice);
  await screenshot(page, '21-sale-checkout');

  await fillAddress(page);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
  await expect(page.getByRole('table')).toContainText(euros(salePrice));

  // Sold once: the hold became the order's (no second reservation), and the sale counts it.
  const after = await stockOf(request, gatewayURL, product.sku);
  expect(after).toMatchObject({ committed: product.stock.committed + 1, reserved: product.stock.reserved });
  await page.goto(`/sales/${sale.id}`);
  await expect(page.getByTestId('units-remaining')).toHaveText('2 of 3 left');
});

test('the cart offers no more of a sale item than the sale allows each customer', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'apparel', 5, { untouched: true });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePriceOf(product), currency: 'EUR' },
    units: 4,
    perCustomerLimit: 2,
    startsAt: inSeconds(2),
    endsAt: inSeconds(600),
  });
  await page.goto(`/sales/${sale.id}`);
  await expect(page.getByTestId('sale-phase')).toContainText('Live now', { timeout: 20_000 });

  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
  await page.goto('/cart');
  const line = page.getByTestId('cart-line').filter({ hasText: product.title });
  await expect(line.getByTestId('sale-limit')).toHaveText('Sale price: limit 2 per customer.');
  // Before, the list offered 1–10 and a quantity over the limit got the order cancelled at checkout.
  await expect(line.getByRole('combobox').locator('option')).toHaveText(['1', '2']);
  await line.getByRole('combobox').selectOption('2');
  await expect(line.getByRole('combobox')).toHaveValue('2');
  await expect(page.getByRole('link', { name: 'Checkout' })).toBeVisible();
});

test('a sold-out sale says so clearly', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'footwear', 3, { untouched: true });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePriceOf(product), currency: 'EUR' },
    units: 1,
    perCustomerLimit: 1,
    startsAt: inSeconds(4),
    endsAt: inSeconds(600),
  });
  // Another customer takes the only unit once the sale is open (a hold before the start would be
  // an ordinary one, not the sale's).
  const token = await registerCustomer(request, gatewayURL, uniqueEmail('sale-rival'), PASSWORD);
  await expect
    .poll(async () => ((await (await request.get(`${gatewayURL}/api/flash-sales/${sale.id}`)).json()) as { status: string }).status, { timeout: 20_000, intervals: [500] })
    .toBe('live');
  expect((await holdAsCustomer(request, gatewayURL, token, product.sku, randomUUID())).status()).toBe(201);

  await page.goto(`/sales/${sale.id}`);
  await expect(page.getByTestId('sold-out')).toBeVisible();
  await expect(page.getByTestId('sold-out')).toContainText('Sold out');
  await expect(page.getByTestId('sale-phase')).toContainText('Sold out');
  await expect(page.getByTestId('units-remaining')).toHaveText('None left');
  await expect(page.getByRole('button', { name: 'Buy now' })).toHaveCount(0);
  await screenshot(page, '22-sale-sold-out');
});

test('when the gateway sheds holds the shopper waits in the waiting room and is let in on their own', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home', 3, { untouched: true });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePriceOf(product), currency: 'EUR' },
    units: 2,
    perCustomerLimit: 1,
    startsAt: inSeconds(2),
    endsAt: inSeconds(600),
  });
  const email = uniqueEmail('sale-queue');
  const token = await registerCustomer(request, gatewayURL, email, PASSWORD);
  await page.goto('/account/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);

  await page.goto(`/sales/${sale.id}`);
  await expect(page.getByRole('button', { name: 'Buy now' })).toBeEnabled({ timeout: 20_000 });

  // This customer has just spent their hold budget (another tab's hold of another item): the
  // gateway answers the next hold 429 with Retry-After.
  const other = await stockedProduct(request, gatewayURL, 'outdoor', 1);
  expect((await holdAsCustomer(request, gatewayURL, token, other.sku, randomUUID())).status()).toBe(201);
  const shed = await holdAsCustomer(request, gatewayURL, token, other.sku, randomUUID());
  expect(shed.status()).toBe(429);
  expect(Number(shed.headers()['retry-after'])).toBeGreaterThan(0);

  const started = Date.now();
  await page.getByRole('button', { name: 'Buy now' }).click();
  const room = page.getByTestId('waiting-room');
  await expect(room).toBeVisible();
  await expect(room).toContainText('You will be let in automatically; don’t refresh');
  await expect(room).not.toContainText(/position|#\d|\d+(st|nd|rd|th) in line/i); // no made-up queue position
  await expect(page.getByTestId('waiting-next-try')).toContainText(/Next try in \d+ s/);
  await screenshot(page, '23-waiting-room');

  // Let in on its own once the budget allows, onto the hold and checkout.
  await expect(page).toHaveURL(/\/checkout\?hold=/, { timeout: (RESERVATION_BUDGET_SECONDS + 15) * 1000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  await expect(page.getByTestId('hold-notice')).toBeVisible();
  expect((await stockOf(request, gatewayURL, product.sku)).reserved).toBe(product.stock.reserved + 1);
});

test('a coupon applies in the cart with its reason, and a refused one says why', async ({ page, request, gatewayURL }) => {
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  const good = `WELCOME10-${suffix}`;
  const expired = `LATE-${suffix}`;
  await createCoupon(request, gatewayURL, { code: good, discount: { percentOff: 10 } });
  await createCoupon(request, gatewayURL, { code: expired, discount: { percentOff: 50 }, endsAt: inSeconds(1) });
  await new Promise((r) => setTimeout(r, 1500));

  const product = await stockedProduct(request, gatewayURL, 'electronics', 2);
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
  await page.goto('/cart');
  const subtotal = centsOf((await page.getByTestId('cart-subtotal').textContent())!);
  expect(subtotal).toBe(product.price);

  await page.getByLabel('Coupon code').fill(expired);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('coupon-error')).toHaveText('This coupon has expired.');
  await expect(page.getByLabel('Coupon code')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Coupon code').fill(good.toLowerCase());
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('coupon-applied')).toContainText(good);
  const discount = page.getByTestId('quote-discount');
  await expect(discount).toHaveCount(1);
  await expect(discount).toContainText(good);
  const off = Math.round(product.price * 0.1);
  expect(centsOf((await discount.locator('dd').textContent())!)).toBe(off);
  const shipping = (await page.getByTestId('quote-shipping').textContent())!;
  const shippingCents = shipping === 'Free' ? 0 : centsOf(shipping);
  expect(centsOf((await page.getByTestId('quote-total').textContent())!)).toBe(product.price - off + shippingCents);
  await screenshot(page, '24-cart-coupon');

  await page.getByRole('button', { name: `Remove coupon ${good}` }).click();
  await expect(page.getByLabel('Coupon code')).toBeVisible();
  await expect(page.getByTestId('quote-discount')).toHaveCount(0);
});

test("Buy now buys the sale item alone: the cart's other products and its coupon stay for later", async ({ page, request, gatewayURL }) => {
  // The sale opens, then a whole purchase (the saga settles after the 202).
  test.setTimeout(180_000);
  // Two products "for later" and the sale's product, each apart from the other journeys' sales.
  const later = [await stockedProduct(request, gatewayURL, 'home', 1, { untouched: true }), await stockedProduct(request, gatewayURL, 'outdoor', 1, { untouched: true })];
  const product = await stockedProduct(request, gatewayURL, 'electronics', 3, { untouched: true });
  const salePrice = salePriceOf(product);
  const code = `LATER-${randomUUID().slice(0, 8).toUpperCase()}`;
  await createCoupon(request, gatewayURL, { code, discount: { percentOff: 10 } });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePrice, currency: 'EUR' },
    units: 3,
    perCustomerLimit: 1,
    startsAt: inSeconds(2),
    endsAt: inSeconds(600),
  });
  try {
    await registerInBrowser(page, 'buy-now');
    for (const item of later) {
      await page.goto(`/p/${item.slug}?sku=${item.sku}`);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await expect(page.getByRole('status')).toContainText('Added 1 ×');
    }
    await page.goto('/cart');
    await page.getByLabel('Coupon code').fill(code);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('coupon-applied')).toContainText(code);
    await expect(page.getByTestId('cart-line')).toHaveCount(2);

    await page.goto(`/sales/${sale.id}`);
    await expect(page.getByRole('button', { name: 'Buy now' })).toBeEnabled({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Buy now' }).click();

    // Checkout of the held unit alone: the cart's products and coupon are not part of it.
    await expect(page).toHaveURL(new RegExp(`/checkout\\?hold=r\\d+_[0-9a-f-]{36}&until=[^&]+&buy=c_[A-Za-z0-9_-]{22}&sale=${sale.id}$`));
    const notice = page.getByTestId('buy-now-notice');
    await expect(notice).toContainText('Buy now: this order is just the unit held for you.');
    await expect(notice).toContainText('Your cart isn’t part of it and stays as it is.');
    await expect(notice.getByRole('link', { name: 'Back to the sale' })).toHaveAttribute('href', `/sales/${sale.id}`);
    await expect(page.getByTestId('hold-notice')).toContainText('held for you');
    const lines = page.getByTestId('checkout-line');
    await expect(lines).toHaveCount(1);
    await expect(lines).toContainText(`1 × ${product.title}`);
    const summary = page.getByRole('complementary', { name: 'Your order' });
    for (const item of later) await expect(summary).not.toContainText(item.title);
    expect(centsOf((await page.getByTestId('checkout-subtotal').textContent())!)).toBe(salePrice);
    await expect(page.getByTestId('quote-discount')).toHaveCount(0);
    await screenshot(page, '25-buy-now-checkout');

    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
    const ordered = page.getByRole('table');
    await expect(ordered).toContainText(euros(salePrice));
    for (const item of later) await expect(ordered).not.toContainText(item.title);
    // The hold became the order's: one unit sold, none left held.
    expect(await stockOf(request, gatewayURL, product.sku)).toMatchObject({ committed: product.stock.committed + 1, reserved: product.stock.reserved });

    // The cart still holds exactly the two other products, one each, with the coupon.
    await page.goto('/cart');
    const cartLines = page.getByTestId('cart-line');
    await expect(cartLines).toHaveCount(2);
    for (const item of later) await expect(cartLines.filter({ hasText: item.title }).getByRole('combobox')).toHaveValue('1');
    await expect(cartLines.filter({ hasText: product.title })).toHaveCount(0);
    await expect(page.getByTestId('coupon-applied')).toContainText(code);
  } finally {
    // Its price must not reach the later journeys that take the first product of a category.
    await stopFlashSale(request, gatewayURL, sale.id).catch(() => undefined);
  }
});

test('a second "Buy now" of a held sale item goes to its checkout; another unit is held only when asked, up to the limit', async ({ page, request, gatewayURL }) => {
  test.setTimeout(120_000);
  const product = await stockedProduct(request, gatewayURL, 'footwear', 4, { untouched: true });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePriceOf(product), currency: 'EUR' },
    units: 4,
    perCustomerLimit: 2,
    startsAt: inSeconds(2),
    endsAt: inSeconds(600),
  });
  try {
    await registerInBrowser(page, 'buy-twice');
    await page.goto(`/sales/${sale.id}`);
    await expect(page.getByRole('button', { name: 'Buy now' })).toBeEnabled({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect(page).toHaveURL(/\/checkout\?hold=r\d+_[0-9a-f-]{36}/);
    const firstCheckout = new URL(page.url());
    expect((await stockOf(request, gatewayURL, product.sku)).reserved).toBe(product.stock.reserved + 1);

    // Back on the sale page: the held unit and its checkout, not a second "Buy now" (rendered on the server, hydrated without an error).
    const errors = watchPageErrors(page);
    await page.goto(`/sales/${sale.id}`);
    const held = page.getByTestId('held-units');
    await expect(held).toContainText('You’re holding 1 unit of this sale');
    await expect(held).toContainText('Limit: 2 per customer.');
    await expect(page.getByRole('button', { name: 'Buy now' })).toHaveCount(0);
    await expect(held.getByRole('link', { name: 'Continue to checkout' })).toHaveAttribute('href', `${firstCheckout.pathname}${firstCheckout.search}`);
    await screenshot(page, '26-sale-already-held');
    expect(errors).toEqual([]);

    // A press from a page that did not know (another tab, a page restored by Back): the same hold, nothing more held.
    const again = await page.evaluate(async (sku) => {
      const response = await fetch('/api/sales/hold', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku, idempotencyKey: crypto.randomUUID() }) });
      return { status: response.status, body: (await response.json()) as { reservationId: string; existing: boolean; heldUnits: number } };
    }, product.sku);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ reservationId: firstCheckout.searchParams.get('hold'), existing: true, heldUnits: 1 });
    expect((await stockOf(request, gatewayURL, product.sku)).reserved).toBe(product.stock.reserved + 1);

    // Asked for, under the limit: a second unit, to a checkout of its own.
    await page.getByRole('button', { name: 'Hold another unit (1 of 2 held)' }).click();
    await expect(page).toHaveURL(/\/checkout\?hold=r\d+_[0-9a-f-]{36}/);
    expect(new URL(page.url()).searchParams.get('hold')).not.toBe(firstCheckout.searchParams.get('hold'));
    expect((await stockOf(request, gatewayURL, product.sku)).reserved).toBe(product.stock.reserved + 2);

    // At the limit: the holds and their checkout, and no way to hold a third.
    await page.goto(`/sales/${sale.id}`);
    await expect(held).toContainText('You’re holding 2 units of this sale');
    await expect(held.getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Buy now' })).toHaveCount(0);
  } finally {
    await stopFlashSale(request, gatewayURL, sale.id).catch(() => undefined);
  }
});

test('after a declined card, the sale page does not claim the released hold and "Buy now" holds a fresh unit', async ({ page, request, gatewayURL }) => {
  // A whole (declined) purchase, then a second hold within the hold budget's wait.
  test.setTimeout(180_000);
  const product = await stockedProduct(request, gatewayURL, 'home', 4, { untouched: true });
  const sale = await createFlashSale(request, gatewayURL, {
    sku: product.sku,
    salePrice: { amount: salePriceOf(product), currency: 'EUR' },
    units: 3,
    perCustomerLimit: 1,
    startsAt: inSeconds(2),
    endsAt: inSeconds(600),
  });
  try {
    await registerInBrowser(page, 'sale-declined');
    await page.goto(`/sales/${sale.id}`);
    await expect(page.getByRole('button', { name: 'Buy now' })).toBeEnabled({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect(page).toHaveURL(/\/checkout\?hold=r\d+_[0-9a-f-]{36}/);
    const firstHold = new URL(page.url()).searchParams.get('hold');
    expect((await stockOf(request, gatewayURL, product.sku)).reserved).toBe(product.stock.reserved + 1);

    await fillAddress(page);
    await page.getByLabel(/Test card — declined/).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('order-status')).toHaveText('Cancelled', { timeout: 60_000 });
    await expect(page.getByTestId('cancel-reason')).toContainText('Your card was declined.');
    // The checkout saga released the hold: the unit is back on sale.
    await expect.poll(async () => (await stockOf(request, gatewayURL, product.sku)).reserved, { timeout: 15_000 }).toBe(product.stock.reserved);

    // Back on the sale page: no "You're holding 1 unit" (that checkout would fail), "Buy now" instead.
    await page.goto(`/sales/${sale.id}`);
    await expect(page.getByRole('button', { name: 'Buy now' })).toBeEnabled();
    await expect(page.getByTestId('held-units')).toHaveCount(0);
    await page.getByRole('button', { name: 'Buy now' }).click();
    // A fresh unit is held (through the waiting room if the hold budget has not refilled yet).
    await expect(page).toHaveURL(/\/checkout\?hold=r\d+_[0-9a-f-]{36}/, { timeout: (RESERVATION_BUDGET_SECONDS + 15) * 1000 });
    expect(new URL(page.url()).searchParams.get('hold')).not.toBe(firstHold);
    await expect(page.getByTestId('hold-notice')).toContainText('held for you');
    expect((await stockOf(request, gatewayURL, product.sku)).reserved).toBe(product.stock.reserved + 1);
  } finally {
    await stopFlashSale(request, gatewayURL, sale.id).catch(() => undefined);
  }
});
