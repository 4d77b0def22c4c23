import type { APIRequestContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminApi } from '@shop/e2e-platform';
import { createCoupon, registerCustomer, stockedProduct, type StockedProduct } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { centsOf } from './support/money';

/**
 * A coupon the shopper applied runs out because other shoppers used it (its usage limit is
 * reached through real checkouts on the gateway's API): the cart and the checkout say so next to
 * the coupon, show the total without it, and the order is placed at that total. When it runs out
 * while the checkout page is open, "Place order" shows the new total to confirm instead of failing.
 */

async function addToCart(page: Page, product: StockedProduct): Promise<void> {
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(product.sku);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
}

async function applyCoupon(page: Page, code: string): Promise<void> {
  await page.goto('/cart');
  await page.getByLabel('Coupon code').fill(code);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('coupon-applied')).toContainText(code);
  await expect(page.getByTestId('quote-discount')).toHaveCount(1);
}

async function fillGuestCheckout(page: Page): Promise<void> {
  await page.getByLabel('Email').fill(uniqueEmail('coupon-gone'));
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await page.getByLabel('City').fill('Dublin');
  await page.getByLabel('Postal code').fill('D02 X285');
  await page.getByLabel('Country').selectOption('IE');
  await page.getByLabel(/Test card — approved/).check();
}

/** Another shopper checks out with the coupon through the gateway's API, taking its last use. */
async function anotherShopperUses(request: APIRequestContext, gatewayURL: string, sku: string, code: string): Promise<void> {
  const token = await registerCustomer(request, gatewayURL, uniqueEmail('coupon-rival'), 'correct horse battery staple');
  const headers = { authorization: `Bearer ${token}` };
  const cart = await request.post(`${gatewayURL}/api/carts/current/items`, { data: { sku, quantity: 1 }, headers, failOnStatusCode: false });
  expect(cart.status(), await cart.text()).toBe(200);
  const applied = await request.post(`${gatewayURL}/api/carts/current/coupon`, { data: { code }, headers, failOnStatusCode: false });
  expect(applied.status(), await applied.text()).toBe(200);
  const checkout = await request.post(`${gatewayURL}/api/checkout`, {
    data: {
      cartId: ((await cart.json()) as { id: string }).id,
      shippingAddress: { name: 'Grace Hopper', line1: '2 Pearse Street', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' },
      payment: { method: 'card', token: 'tok_approve' },
    },
    headers: { ...headers, 'idempotency-key': randomUUID() },
    failOnStatusCode: false,
  });
  expect(checkout.status(), await checkout.text()).toBe(202);
}

/** The coupon's uses as the merchant sees them: consumed, and held by checkouts in progress. */
async function usesOf(request: APIRequestContext, gatewayURL: string, code: string): Promise<number> {
  const coupon = await adminApi<{ used: number; held: number }>(request, gatewayURL, 'GET', `/api/admin/coupons/${code}`, undefined, `reading coupon ${code}`);
  return coupon.used + coupon.held;
}

/** The total a quote summary shows, checked to be its subtotal plus shipping: no discount in it. */
async function undiscountedTotal(page: Page, subtotalTestId: string): Promise<number> {
  await expect(page.getByTestId('quote-discount')).toHaveCount(0);
  const subtotal = centsOf((await page.getByTestId(subtotalTestId).textContent())!);
  const shipping = (await page.getByTestId('quote-shipping').textContent())!;
  const total = centsOf((await page.getByTestId('quote-total').textContent())!);
  expect(total).toBe(subtotal + (shipping === 'Free' ? 0 : centsOf(shipping)));
  return total;
}

/** A guest's confirmation page follows the order until it is confirmed; its receipt has no discount and the total charged. */
async function expectConfirmedWithout(page: Page, total: number): Promise<void> {
  await expect(page).toHaveURL(/\/checkout\/confirmation\?number=SO-\d{6,}/);
  await expect(page.getByTestId('confirmation-status')).toHaveText('Your order is confirmed.', { timeout: 60_000 });
  await expect(page.getByTestId('order-discount')).toHaveCount(0);
  expect(centsOf((await page.getByTestId('order-total').textContent())!)).toBe(total);
}

test('a coupon that runs out after it was applied: the cart and checkout say so, total without it, and the order is placed at that total', async ({ page, request, gatewayURL }) => {
  const code = `SPRING-${randomUUID().slice(0, 8).toUpperCase()}`;
  await createCoupon(request, gatewayURL, { code, discount: { percentOff: 10 }, usageLimit: 1 });
  const product = await stockedProduct(request, gatewayURL, 'home', 3);
  await addToCart(page, product);
  await applyCoupon(page, code);

  await anotherShopperUses(request, gatewayURL, product.sku, code);
  const message = `Coupon ${code} has run out, so it is no longer taken off your total.`;

  // The cart keeps the coupon, says why it is not taken off, and totals without it.
  await page.reload();
  await expect(page.getByTestId('coupon-problem')).toHaveText(message);
  await expect(page.getByTestId('coupon-applied')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Remove coupon ${code}` })).toBeVisible();
  const total = await undiscountedTotal(page, 'cart-subtotal');
  expect(centsOf((await page.getByTestId('cart-subtotal').textContent())!)).toBe(product.price);
  await screenshot(page, '24b-cart-coupon-ran-out');

  // The checkout says the same next to the coupon, with the same total.
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  const summary = page.getByRole('complementary', { name: 'Your order' });
  await expect(summary.getByTestId('coupon-problem')).toHaveText(message);
  expect(await undiscountedTotal(page, 'checkout-subtotal')).toBe(total);
  await screenshot(page, '24c-checkout-coupon-ran-out');

  // Ordering works, at that total; the coupon's one use stays the other shopper's.
  await fillGuestCheckout(page);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expectConfirmedWithout(page, total);
  expect(await usesOf(request, gatewayURL, code)).toBe(1);
});

test('a coupon that runs out while the checkout page is open: "Place order" shows the new total to confirm, then places the order', async ({ page, request, gatewayURL }) => {
  const code = `LAST-${randomUUID().slice(0, 8).toUpperCase()}`;
  await createCoupon(request, gatewayURL, { code, discount: { percentOff: 10 }, usageLimit: 1 });
  const product = await stockedProduct(request, gatewayURL, 'home', 3);
  await addToCart(page, product);
  await applyCoupon(page, code);
  await page.goto('/checkout');
  const summary = page.getByRole('complementary', { name: 'Your order' });
  await expect(summary.getByTestId('coupon-applied')).toContainText(code);
  await expect(summary.getByTestId('quote-discount')).toHaveCount(1);
  const discounted = centsOf((await summary.getByTestId('quote-total').textContent())!);
  await fillGuestCheckout(page);

  await anotherShopperUses(request, gatewayURL, product.sku, code);
  await page.getByRole('button', { name: 'Place order' }).click();

  // Still on the checkout page: why, and the new total, to confirm. Nothing was charged.
  await expect(page).toHaveURL(/\/checkout$/);
  const change = page.getByTestId('price-changed');
  await expect(change.getByRole('heading')).toHaveText('Your coupon no longer applies');
  await expect(change.getByTestId('price-change-reason')).toContainText(`Coupon ${code} has run out, so it is no longer taken off your total. Nothing was charged.`);
  const total = centsOf((await change.getByTestId('new-total').textContent())!);
  expect(total - discounted).toBe(Math.round(product.price * 0.1)); // the coupon's 10 %, no longer taken off
  // The order summary beside it follows: the coupon says why, and the total is the new one.
  await expect(summary.getByTestId('coupon-problem')).toHaveText(`Coupon ${code} has run out, so it is no longer taken off your total.`);
  expect(centsOf((await summary.getByTestId('quote-total').textContent())!)).toBe(total);
  await screenshot(page, '24d-checkout-coupon-lost-confirm');
  // One way on: the panel's confirm, not a second "Place order" below it.
  await expect(page.getByRole('button', { name: 'Place order', exact: true })).toHaveCount(0);

  await change.getByRole('button', { name: /^Confirm and place order for / }).click();
  await expectConfirmedWithout(page, total);
  expect(await usesOf(request, gatewayURL, code)).toBe(1);
});
