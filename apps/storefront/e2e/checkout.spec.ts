import type { Locator, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { createCoupon, stockOf, stockText, stockedProduct, type StockedProduct } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { centsOf } from './support/money';

/**
 * The whole purchase on the real platform: the catalog, the inventory (stock seeded by
 * scripts/db-seed.ts), the cart, the gateway's accounts and the payments service's checkout saga
 * with the simulated card provider. A route the gateway does not serve fails the journey.
 */

/** From the category page to the product, to the variant bought; the stock line is the inventory's. */
async function openProduct(page: Page, category: string, product: StockedProduct): Promise<void> {
  await page.goto(`/c/${category}`);
  await page.getByRole('main').locator(`a[href="/p/${product.slug}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/p/${product.slug}$`));
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(product.sku);
  await expect(page.getByTestId('stock')).toHaveText(stockText(product.stock.available));
}

async function addToCart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
  await expect(page.getByTestId('header-cart')).toContainText('1');
}

/** The header's count, as a screen reader hears it ("0 items in cart"). */
function cartBadge(page: Page, count: number): Locator {
  return page.getByTestId('header-cart').getByLabel(`${count} items in cart`, { exact: true });
}

/** An order's receipt (OrderLinesTable) names the coupon with the amount it took off, and its figures add up. */
async function expectCouponOnReceipt(receipt: Locator, code: string, off: number): Promise<void> {
  const discount = receipt.getByTestId('order-discount');
  await expect(discount).toHaveCount(1);
  await expect(discount.locator('th')).toContainText(code);
  await expect(discount.locator('td')).toHaveText(/^−€/);
  expect(centsOf((await discount.locator('td').textContent())!)).toBe(off);
  const subtotal = centsOf((await receipt.getByTestId('order-subtotal').textContent())!);
  const shipping = (await receipt.getByTestId('order-shipping').textContent())!;
  const total = centsOf((await receipt.getByTestId('order-total').textContent())!);
  expect(total).toBe(subtotal - off + (shipping === 'Free' ? 0 : centsOf(shipping)));
}

async function fillAddress(page: Page, postalCode = 'D02 X285'): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await page.getByLabel('City').fill('Dublin');
  await page.getByLabel('Postal code').fill(postalCode);
  await page.getByLabel('Country').selectOption('IE');
}

test('a guest buys from the seeded stock: product, cart, registration at checkout, approved card, order confirmed', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'footwear');
  await openProduct(page, 'footwear', product);
  await screenshot(page, '04b-product-stock');
  await addToCart(page);

  // A guest may check out with an email; this shopper registers from the checkout instead.
  await page.goto('/cart');
  await expect(page.getByTestId('cart-line')).toContainText(product.title);
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId('guest-checkout')).toBeVisible();
  await page.getByTestId('guest-checkout').getByRole('link', { name: 'create an account' }).click();
  await expect(page).toHaveTitle('Create an account · FlashShop');

  // The API's validation errors show next to the field they name.
  await page.getByLabel('Email').fill(uniqueEmail('approve'));
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#password-error')).toHaveText('Use at least 8 characters.');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, '05-register-error');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();

  // The guest cart came along (merged into the new customer's cart).
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(product.title);
  await expect(page.getByText('Test mode', { exact: true })).toBeVisible();

  // The payments service's validation reaches the field it names.
  await fillAddress(page, '!!!');
  await screenshot(page, '06-checkout');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('#postalCode-error')).toHaveText('Must be letters, digits, spaces and hyphens.');
  await expect(page.getByLabel('Postal code')).toHaveAttribute('aria-invalid', 'true');
  // A code of the right characters but not of the country shipped to: refused on the field, with an example.
  await page.getByLabel('Postal code').fill('1');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('#postalCode-error')).toHaveText('Must be a postal code of IE, such as D02 X285.');
  await page.getByLabel('Postal code').fill('D02 X285');
  await page.getByLabel(/Test card — approved/).check();
  await page.getByRole('button', { name: 'Place order' }).click();

  // The saga runs on after the 202; the order page polls until it settles.
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
  await expect(page.getByText('Thank you! Your order is confirmed.')).toBeVisible();
  await expect(page.getByRole('table')).toContainText(product.sku);
  // The saga takes the bought item out of the cart after the capture; the header follows without a reload.
  await expect(cartBadge(page, 0)).toBeVisible();
  await screenshot(page, '07-order-confirmed');

  // The unit is sold: committed by the saga, and the product page shows one fewer.
  const after = await stockOf(request, gatewayURL, product.sku);
  expect(after).toMatchObject({ onHand: product.stock.onHand, committed: product.stock.committed + 1, available: product.stock.available - 1 });
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await expect(page.getByTestId('stock')).toHaveText(stockText(after.available));

  await page.goto('/account');
  await expect(page.getByTestId('order-row').first()).toContainText('Confirmed');
  await screenshot(page, '08-account');
});

test('a declined test card cancels the order, says why, and the stock comes back', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');

  await page.goto('/account/register');
  await page.getByLabel('Email').fill(uniqueEmail('decline'));
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();

  await openProduct(page, 'home', product);
  await addToCart(page);
  await page.goto('/checkout');
  await fillAddress(page);
  await page.getByLabel(/Test card — declined/).check();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled', { timeout: 60_000 });
  await expect(page.getByTestId('cancel-reason')).toHaveText(' Your card was declined. No money was taken.');
  // Not a dead end: the way to try another card (the cart still holds the items).
  await expect(page.getByTestId('payment-retry')).toHaveText('To try again with another card: Back to your cart →');
  await screenshot(page, '09-order-declined');
  await page.getByTestId('payment-retry').getByRole('link').click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-line').filter({ hasText: product.title })).toBeVisible();

  // The saga released its reservation before it cancelled the order: nothing is held or sold.
  expect(await stockOf(request, gatewayURL, product.sku)).toEqual(product.stock);
});

test('a guest buys with a coupon and an email, the confirmation follows the order, the lookup shows the discount, and the cart is empty', async ({ page, browser, baseURL, request, gatewayURL }) => {
  const code = `GUEST10-${randomUUID().slice(0, 8).toUpperCase()}`;
  await createCoupon(request, gatewayURL, { code, discount: { percentOff: 10 } });
  const product = await stockedProduct(request, gatewayURL, 'footwear');
  await openProduct(page, 'footwear', product);
  await addToCart(page);
  await page.goto('/cart');
  await page.getByLabel('Coupon code').fill(code);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('coupon-applied')).toContainText(code);
  const off = centsOf((await page.getByTestId('quote-discount').locator('dd').textContent())!);
  expect(off).toBe(Math.round(product.price * 0.1));
  // The coupon is named once, in its own row of the summary with its Remove button; the cart line
  // does not repeat its share. Before, a box above said "Coupon … applied" and the row read "Coupon … coupon …: 10% off".
  const occurrences = async (where: Locator) => (await where.innerText()).split(code).length - 1;
  await expect(page.getByTestId('quote-discount').locator('dt')).toContainText('10% off');
  expect(await occurrences(page.locator('main'))).toBe(1);
  await expect(page.getByTestId('quote-discount').getByRole('button', { name: `Remove coupon ${code}` })).toBeVisible();
  await screenshot(page, 'cart-coupon-once');

  // No account: the checkout asks for an email, and names the field when it is missing.
  await page.goto('/checkout');
  await expect(page.getByTestId('guest-checkout')).toBeVisible();
  await expect(page.getByTestId('coupon-applied')).toHaveText(`Coupon ${code}`);
  expect(await occurrences(page.locator('main'))).toBe(1);
  // The summary's line is before discounts, as its subtotal is: the coupon shows once, under it.
  const lineTotal = centsOf((await page.getByTestId('checkout-line').first().getByTestId('checkout-line-total').textContent())!);
  expect(lineTotal).toBe(centsOf((await page.getByTestId('checkout-subtotal').textContent())!));
  expect(lineTotal).toBe(product.price);
  await fillAddress(page);
  await page.getByLabel(/Test card — approved/).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('#email-error')).toHaveText(/^Enter (your|an) email address/); // a shopper's words, not the contract's
  const email = uniqueEmail('guest');
  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Place order' }).click();

  // The confirmation names the order number and how to look the order up, and follows the order
  // by itself until the saga confirms it; the header follows the saga emptying the cart.
  await expect(page).toHaveURL(/\/checkout\/confirmation\?number=SO-\d{6,}/);
  const number = (await page.getByTestId('order-number').textContent())!;
  expect(number).toMatch(/^SO-\d{6,}$/);
  await expect(page.getByText('Order lookup')).toBeVisible();
  await expect(page.getByTestId('confirmation-status')).toHaveText('Your order is confirmed.', { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your order');
  await expect(cartBadge(page, 0)).toBeVisible({ timeout: 30_000 });
  await expectCouponOnReceipt(page.getByRole('main'), code, off);
  await screenshot(page, '07b-guest-confirmation');
  // A reload says the same.
  await page.reload();
  await expect(page.getByTestId('confirmation-status')).toHaveText('Your order is confirmed.');
  await expect(cartBadge(page, 0)).toBeVisible();

  // Another browser with the same link (a guessed number) learns nothing about the order.
  const stranger = await browser.newPage({ baseURL });
  await stranger.goto(`/checkout/confirmation?number=${number}`);
  await expect(stranger.getByTestId('order-number')).toHaveText(number);
  await expect(stranger.getByTestId('confirmation-status')).toHaveCount(0);
  await expect(stranger.getByTestId('order-total')).toHaveCount(0);
  await expect(stranger.getByRole('main')).not.toContainText(product.sku);
  await stranger.close();

  // Order lookup with the number (prefilled from the link) and the email in another case.
  await page.getByRole('link', { name: 'Order lookup' }).click();
  await expect(page.getByLabel('Order number')).toHaveValue(number);
  await page.getByLabel('Email').fill(email);
  // The saga settles after the 202: look again until the order is confirmed.
  await expect(async () => {
    await page.getByRole('button', { name: 'Find my order' }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('found-order')).toContainText(product.sku);
  await expectCouponOnReceipt(page.getByTestId('found-order'), code, off);
  await screenshot(page, '07c-order-lookup');

  // A wrong email finds nothing.
  await page.getByLabel('Email').fill(`nobody-${email}`);
  await page.getByRole('button', { name: 'Find my order' }).click();
  await expect(page.getByTestId('lookup-message')).toHaveText('No order matches this number and email. Check both and try again.');

  // The confirmed order took its items out of the guest's cart (the saga's last step).
  await expect(async () => {
    await page.goto('/cart');
    await expect(page.getByText('Your cart is empty', { exact: false })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});

test('a guest’s declined card: the confirmation says so, nothing was charged, and the cart keeps the item', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');
  await openProduct(page, 'home', product);
  await addToCart(page);
  await page.goto('/checkout');
  await page.getByLabel('Email').fill(uniqueEmail('guest-decline'));
  await fillAddress(page);
  await page.getByLabel(/Test card — declined/).check();
  await page.getByRole('button', { name: 'Place order' }).click();

  // The page follows the order by itself until the saga cancels it, and then never thanks for it.
  await expect(page).toHaveURL(/\/checkout\/confirmation\?number=SO-\d{6,}/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your payment was declined', { timeout: 60_000 });
  await expect(page.getByTestId('confirmation-status')).toHaveText(
    'Your card was declined, so the order was cancelled. Nothing was charged, and your items are still in your cart. Return to your cart to try again.',
  );
  await expect(page.getByText('Thank you for your order')).toHaveCount(0);
  // The saga never reached the cart: it keeps the item, and the header still counts it.
  await expect(cartBadge(page, 1)).toBeVisible();
  await screenshot(page, '09b-guest-declined');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your payment was declined');

  await page.getByRole('link', { name: 'Return to your cart' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-line')).toContainText(product.title);
  // The saga released its reservation before it cancelled the order: nothing is held or sold.
  expect(await stockOf(request, gatewayURL, product.sku)).toEqual(product.stock);
});

test('an empty checkout form says what to fix and takes focus to the first field to fix', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');
  await openProduct(page, 'home', product);
  await addToCart(page);
  await page.goto('/checkout');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('checkout-message')).toHaveText('Please check the highlighted fields.');
  await expect(page.locator('#email-error')).toBeVisible();
  // Before, focus stayed on <body> and a keyboard user had to find the fields again.
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.getByLabel('Email').fill(uniqueEmail('focus'));
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('#email-error')).toHaveCount(0);
  await expect(page.getByLabel('Full name')).toBeFocused();
});
