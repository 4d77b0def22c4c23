import { randomUUID } from 'node:crypto';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { seedOrder, transitionOrder } from './support/orders-api';

const TEE = { sku: 'TEE-POCKET-ORGANIC-COTTON-OLIVE-M', name: 'Organic Cotton Pocket Tee — Olive / M', quantity: 2 };

/**
 * The order pages show what the orders service holds. The test plays the checkout saga's part
 * (support/orders-api): a waiting order that settles while the shopper watches, and a declined one.
 */

test('order history and order pages follow the order to CONFIRMED or CANCELLED', async ({ page, request, gatewayURL, ordersURL }) => {
  const email = uniqueEmail('orders');
  const password = 'correct horse battery staple';
  await page.goto('/account/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);

  expect(ordersURL, 'the orders service (ORDERS_E2E_URL) plays the saga here').not.toBe('');
  await expect(page.getByText('No orders yet.')).toBeVisible();

  const login = await request.post(`${gatewayURL}/api/auth/login`, { data: { email, password } });
  const customerId = ((await login.json()) as { user: { id: string } }).user.id;

  const waiting = await seedOrder(request, ordersURL, customerId, TEE);
  await transitionOrder(request, ordersURL, waiting.id, 'AWAITING_PAYMENT');
  const declined = await seedOrder(request, ordersURL, customerId, TEE);
  await transitionOrder(request, ordersURL, declined.id, 'AWAITING_PAYMENT');
  await transitionOrder(request, ordersURL, declined.id, 'CANCELLED', 'PAYMENT_DECLINED');

  await page.reload();
  const rows = page.getByTestId('order-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: waiting.number })).toContainText('Awaiting payment');
  await expect(rows.filter({ hasText: declined.number })).toContainText('Cancelled');
  await expect(rows.filter({ hasText: declined.number })).toContainText('Your card was declined');
  await expect(rows.filter({ hasText: waiting.number })).toContainText('€78.97');
  await screenshot(page, '13-account-orders');

  // The waiting order: the page polls, and shows the confirmation when the saga gets there.
  await rows.filter({ hasText: waiting.number }).getByRole('link').click();
  await expect(page).toHaveTitle(`Your order · FlashShop`);
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  await expect(page.getByRole('status').filter({ hasText: 'confirming your payment' })).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText('€78.97');
  await screenshot(page, '14-order-waiting');
  await transitionOrder(request, ordersURL, waiting.id, 'CONFIRMED');
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
  // Opened from the history, not from the checkout: confirmed, without a second thank-you.
  await expect(page.getByRole('status').filter({ hasText: 'Your order is confirmed.' })).toHaveText('Your order is confirmed.');
  await screenshot(page, '15-order-confirmed');

  await page.goto(`/account/orders/${declined.number}`);
  await expect(page).toHaveTitle(`Order ${declined.number} · FlashShop`);
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('cancel-reason')).toHaveText(' Your card was declined. No money was taken.');
  await screenshot(page, '16-order-cancelled');

  // Someone else's order is not found, exactly like a missing one.
  expect((await page.goto(`/account/orders/${randomUUID()}`))?.status()).toBe(404);
});

test('a guest looks up an order by number and email and sees what a signed-in shopper sees: items, totals, address and history', async ({ page, request, ordersURL }) => {
  const email = uniqueEmail('lookup');
  const order = await seedOrder(request, ordersURL, null, TEE, { email });
  await transitionOrder(request, ordersURL, order.id, 'AWAITING_PAYMENT');
  await transitionOrder(request, ordersURL, order.id, 'CONFIRMED');

  await page.goto(`/orders/lookup?number=${order.number}`);
  await expect(page.getByLabel('Order number')).toHaveValue(order.number);
  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Find my order' }).click();
  const found = page.getByTestId('found-order');
  await expect(found.getByRole('heading', { name: `Order ${order.number}` })).toBeVisible();
  await expect(found.getByTestId('order-status')).toHaveText('Confirmed');
  await expect(found.getByRole('status').filter({ hasText: 'Your order is confirmed.' })).toBeVisible();
  await expect(found.getByRole('table')).toContainText(TEE.sku);
  await expect(found.getByTestId('order-total')).toHaveText('€78.97');
  await expect(found.getByTestId('shipping-address')).toHaveText(/Ada Lovelace\s*1 Grand Canal Quay\s*D02 X285 Dublin\s*Ireland/);
  const history = found.getByTestId('order-history').locator('li');
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText('Pending');
  await expect(history.nth(1)).toContainText('Awaiting payment');
  await expect(history.nth(2)).toContainText('Confirmed');
  // A guest cannot cancel online (that needs an account): no such action on the lookup.
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  await screenshot(page, '16e-order-lookup-details');

  // The shop cancels it: the lookup shows why and what happens to the money. A guest cannot read
  // the checkout, so whether the payment was captured (refunded) or only held (released) is not known: both are said.
  await transitionOrder(request, ordersURL, order.id, 'CANCELLED', 'Out of stock after all');
  await page.getByRole('button', { name: 'Find my order' }).click();
  await expect(found.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(found.getByTestId('cancel-reason')).toHaveText(' Out of stock after all');
  await expect(found.getByTestId('cancel-payment')).toHaveText('If your card was charged, the €78.97 is being refunded to it; if the payment was only held, the hold is released.');
  await expect(history).toHaveCount(4);
});

test('the session outlives its access token and ends on sign-out', async ({ page, context }) => {
  await page.goto('/account/register');
  const email = uniqueEmail('session');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const before = await context.cookies();
  const refresh = before.find((c) => c.name === 'sf_rt');
  expect(refresh?.httpOnly).toBe(true);
  expect(before.find((c) => c.name === 'sf_at')?.httpOnly).toBe(true);

  // The short-lived access token's cookie has gone: the proxy swaps the refresh token for a new session.
  await context.clearCookies({ name: 'sf_at' });
  await page.reload();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const after = await context.cookies();
  expect(after.find((c) => c.name === 'sf_at')).toBeDefined();
  expect(after.find((c) => c.name === 'sf_rt')?.value).not.toBe(refresh?.value);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect((await context.cookies()).map((c) => c.name)).not.toContain('sf_rt');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/account\/login/);
});
