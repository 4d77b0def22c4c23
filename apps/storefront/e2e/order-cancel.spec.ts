import type { Page } from '@playwright/test';
import { stockOf, stockedProduct } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { addToCart } from './support/shopping';
import { seedOrder, transitionOrder } from './support/orders-api';

/**
 * A signed-in shopper cancels their own order from its page (POST /api/orders/:ref/cancel through
 * the gateway): after a real checkout whose payment was captured, the order is cancelled, the page
 * says the payment is refunded (its checkout says it was captured; a payment only held would be
 * released instead, see lib/order-cancel.spec.ts), and inventory puts the unit back into stock (it
 * reacts to the cancel of a confirmed order). An order that ships while the page is open is refused
 * in plain words.
 */

const password = 'correct horse battery staple';

async function registerShopper(page: Page): Promise<string> {
  const email = uniqueEmail('self-cancel');
  await page.goto('/account/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  return email;
}

test('a shopper cancels a confirmed order: asked first, told the payment is refunded, and the unit is back in stock', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');
  await registerShopper(page);

  await addToCart(page, product.slug, product.sku, 1);
  await page.goto('/checkout');
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await page.getByLabel('City').fill('Dublin');
  await page.getByLabel('Postal code').fill('D02 X285');
  await page.getByLabel('Country').selectOption('IE');
  await page.getByLabel(/Test card — approved/).check();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
  // The saga's last steps (capture, then the cart) are done once the header's cart is empty.
  await expect(page.getByTestId('header-cart').getByLabel('0 items in cart', { exact: true })).toBeVisible({ timeout: 30_000 });
  expect((await stockOf(request, gatewayURL, product.sku)).available).toBe(product.stock.available - 1);
  const total = (await page.getByTestId('order-total').textContent())!;

  // Asked first: what happens to the money; keeping the order changes nothing.
  const action = page.getByTestId('cancel-order');
  await action.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: /^Cancel order SO-\d+\?$/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`The ${total} you paid will be refunded to the card you paid with.`);
  await dialog.getByRole('button', { name: 'Keep my order' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');

  await action.getByRole('button', { name: 'Cancel order' }).click();
  await dialog.getByLabel('Reason').fill('Ordered the wrong colour');
  await screenshot(page, '16b-order-cancel-confirm');
  await dialog.getByRole('button', { name: 'Yes, cancel the order' }).click();

  await expect(page.getByTestId('cancel-confirmation')).toHaveText(`Your order is cancelled. The ${total} you paid is being refunded to the card you paid with.`);
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('cancel-reason')).toHaveText(' Ordered the wrong colour');
  await expect(page.getByTestId('order-history').locator('li').last()).toContainText('Cancelled by you');
  await expect(page.getByTestId('order-history').locator('li').last()).toContainText('Ordered the wrong colour');
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  await screenshot(page, '16c-order-cancelled-by-shopper');

  // A reload shows it cancelled, with no way to cancel again.
  await page.reload();
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('cancel-payment')).toHaveText(`The ${total} you paid is being refunded to the card you paid with.`);
  await expect(page.getByTestId('cancel-order')).toHaveCount(0);

  // Inventory reacted to the cancel of the confirmed order: the unit is for sale again.
  await expect(async () => expect((await stockOf(request, gatewayURL, product.sku)).available).toBe(product.stock.available)).toPass({ timeout: 30_000 });
});

test('an order that ships while its page is open cannot be cancelled: the shopper is told why, and a shipped order offers no cancel', async ({ page, request, gatewayURL, ordersURL }) => {
  const email = await registerShopper(page);
  const login = await request.post(`${gatewayURL}/api/auth/login`, { data: { email, password } });
  const customerId = ((await login.json()) as { user: { id: string } }).user.id;
  const order = await seedOrder(request, ordersURL, customerId, { sku: 'TEE-POCKET-ORGANIC-COTTON-OLIVE-M', name: 'Organic Cotton Pocket Tee — Olive / M', quantity: 1 });
  await transitionOrder(request, ordersURL, order.id, 'AWAITING_PAYMENT');
  await transitionOrder(request, ordersURL, order.id, 'CONFIRMED');

  await page.goto(`/account/orders/${order.number}`);
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
  await page.getByTestId('cancel-order').getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel order ${order.number}?` });
  await expect(dialog).toBeVisible();
  // Made without a checkout, so nothing says whether its payment was captured or only held: the words say both.
  await expect(dialog.getByTestId('cancel-money')).toHaveText('If your card has been charged, the €41.98 will be refunded to it; if the payment is only held, the hold is released.');
  // The shop ships it meanwhile.
  await transitionOrder(request, ordersURL, order.id, 'FULFILLED');
  await dialog.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(dialog.getByTestId('cancel-refusal')).toHaveText('This order has already shipped, so it can no longer be cancelled. Contact us if you would like to return it.');
  await screenshot(page, '16d-order-cancel-refused');
  await dialog.getByRole('button', { name: 'Keep my order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Shipped');
  await expect(page.getByTestId('cancel-order')).toHaveCount(0);
});
