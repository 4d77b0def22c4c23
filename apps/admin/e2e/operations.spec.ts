import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { adminApi, login, registerCustomerSession, uniqueEmail } from '@shop/e2e-platform';
import { expect, screenshot, signInAsAdmin, test } from './support/fixtures';
import { buyThroughCheckout } from './support/shop-api';

const PASSWORD = 'correct horse battery staple';

/** Signs a customer in on the storefront's own login page. */
async function storefrontLogin(page: import('@playwright/test').Page, storefrontURL: string, email: string) {
  await page.goto(`${storefrontURL}/account/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('orders, customers and operations in the console', () => {
  test('an admin finds an order, sees its history and checkout steps, refunds one unit, then the rest, and the customer sees it refunded', async ({ page, browser, request, gatewayURL, storefrontURL }) => {
    const email = uniqueEmail('refund');
    const customer = await registerCustomerSession(request, gatewayURL, email, PASSWORD);
    const order = await buyThroughCheckout(request, gatewayURL, customer, 2);

    await signInAsAdmin(page, `/orders?number=${order.number}`);
    const row = page.getByRole('row').filter({ hasText: order.number });
    await expect(row).toContainText('Confirmed');
    // The customer is named by email, and leads to the account.
    await expect(row.getByRole('link', { name: email })).toHaveAttribute('href', /^\/customers\/[0-9a-f-]{36}$/);
    await screenshot(page, 'orders');
    // One day's orders: "on or before" that day takes the whole day; dates the wrong way round are
    // refused in the form's words, not the API's field names.
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`/orders?number=${order.number}&from=${today}&to=${today}`);
    await expect(page.getByRole('row').filter({ hasText: order.number })).toBeVisible();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/orders?number=${order.number}&from=${today}&to=${yesterday}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Placed' })).toHaveText('Placed on or before must be after Placed from');
    await page.goto(`/orders?number=${order.number}`);
    await row.getByRole('link', { name: order.number }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${order.number}`);
    await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
    // On a phone: the sections take one row, not the first screen, and the page does not scroll sideways.
    const desk = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await page.getByRole('navigation', { name: 'Console' }).boundingBox())!.height).toBeLessThan(120);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'order-phone');
    await page.setViewportSize(desk);
    await expect(page.getByTestId('status-history')).toContainText('Pending');
    await expect(page.getByTestId('status-history')).toContainText('Confirmed');
    const steps = page.getByTestId('saga-steps');
    await expect(steps).toContainText('Capture payment');
    await expect(steps.getByRole('row').filter({ hasText: 'Authorize payment' })).toContainText('Succeeded');
    // Bought without a coupon: the coupon steps had nothing to do, and say so.
    await expect(steps.getByRole('row').filter({ hasText: 'Hold coupon' })).toContainText('Not needed: no coupon');

    // A partial refund: one of the two units, with a reason; the order stays confirmed.
    await expect(page.getByText('Nothing refunded yet.')).toBeVisible();
    const refundForm = page.getByTestId('refund-form');
    await refundForm.getByLabel(/units to refund, 2 left/).fill('3');
    await refundForm.getByLabel('Reason for the refund').fill('One arrived torn');
    // The reason is the customer's to read, and the form says so.
    await expect(refundForm.getByText('Shown to the customer, in the refund email.')).toBeVisible();
    await refundForm.getByRole('button', { name: 'Refund these items' }).click();
    await expect(refundForm.getByText('At most 2.')).toBeVisible();
    await refundForm.getByLabel(/units to refund, 2 left/).fill('1');
    await screenshot(page, 'order-partial-refund');
    // Money goes back only once the dialog is confirmed: kept, nothing is refunded.
    await refundForm.getByRole('button', { name: 'Refund these items' }).click();
    const partial = page.getByRole('dialog', { name: `Refund these items of ${order.number}?` });
    await expect(partial).toContainText('1 × ');
    await partial.getByRole('button', { name: 'Cancel' }).click();
    await expect(partial).toBeHidden();
    await expect(page.getByText('Nothing refunded yet.')).toBeVisible();
    await refundForm.getByRole('button', { name: 'Refund these items' }).click();
    await partial.getByRole('button', { name: 'Refund' }).click();
    await expect(page.getByText(`Refunded 1 unit of ${order.number}; they are back in stock.`)).toBeVisible();
    await expect(page.getByTestId('refunds')).toContainText('One arrived torn');
    await expect(page.getByTestId('refunds').getByRole('row')).toHaveCount(2); // the header and the one refund
    await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
    await expect(refundForm.getByLabel(/units to refund, 1 left/)).toBeVisible();
    // The orders list says how much of the still confirmed order went back.
    await page.goto(`/orders?number=${order.number}`);
    await expect(row).toContainText('Confirmed');
    await expect(row.getByTestId('order-refunded')).toHaveText(/^€[\d.,]+ refunded$/);
    await row.getByRole('link', { name: order.number }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Confirmed');

    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Refund ${order.number}?` });
    await expect(dialog).toBeVisible();
    // No reason, no refund: the field says so.
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await expect(dialog.getByText('Please give a reason.')).toBeVisible();
    await dialog.getByLabel('Reason for the refund').fill('Arrived damaged');
    await expect(dialog.getByText('Shown to the customer: on their order page and in the refund email.')).toBeVisible();
    await screenshot(page, 'order-refund-confirm');
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await expect(page.getByText(`${order.number} is refunded`)).toBeVisible();
    await expect(page.getByTestId('order-status')).toHaveText('Refunded');
    await expect(page.getByTestId('status-history')).toContainText('Arrived damaged');
    await expect(page.getByTestId('refunds').getByRole('row')).toHaveCount(3);
    await expect(page.getByTestId('refund-form')).toHaveCount(0);
    await screenshot(page, 'order-detail');

    // The customer's account page on the storefront says so.
    const shopper = await browser.newPage();
    await storefrontLogin(shopper, storefrontURL, email);
    await expect(shopper).toHaveURL(/\/account$/);
    await expect(shopper.getByTestId('order-row').filter({ hasText: order.number })).toContainText('Refunded');
    // The order page lists both refunds: the partial one with its line, then the rest.
    await shopper.getByTestId('order-row').filter({ hasText: order.number }).getByRole('link').first().click();
    await expect(shopper.getByTestId('order-refund')).toHaveCount(2);
    await expect(shopper.getByTestId('order-refund').first()).toContainText('1 × ');
    await shopper.close();
  });

  test("an order's coupon spread over its lines is one row of the totals, with each line's share on its line", async ({ page, request, gatewayURL }) => {
    const code = `LINES${Date.now().toString(36).toUpperCase()}`;
    await adminApi(request, gatewayURL, 'POST', '/api/admin/coupons', { code, discount: { percentOff: 10 }, usageLimit: 5 }, `creating coupon ${code}`);
    const customer = await registerCustomerSession(request, gatewayURL, uniqueEmail('coupon-lines'), PASSWORD);
    const order = await buyThroughCheckout(request, gatewayURL, customer, 1, { coupon: code, lines: 2 });
    const recorded = await adminApi<{ discounts: { source: string; sourceId: string; amount: number; sku?: string }[]; lines: { sku: string; lineTotal: number }[] }>(
      request,
      gatewayURL,
      'GET',
      `/api/admin/orders/${order.orderId}`,
      undefined,
      'reading the order',
    );
    const shares = recorded.discounts.filter((d) => d.source === 'coupon' && d.sourceId === code);
    // The platform records one share per line: the console adds them up.
    expect(shares).toHaveLength(2);
    const euros = (amount: number) => `€${(amount / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;

    await signInAsAdmin(page, `/orders/${order.number}`);
    const rows = page.getByTestId('order-discount');
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveText(`Coupon ${code} (on 2 lines)`);
    await expect(page.locator('dd', { hasText: `−${euros(shares[0]!.amount + shares[1]!.amount)}` })).toBeVisible();
    const items = page.getByRole('table', { name: `Items of ${order.number}` });
    for (const share of shares) {
      const line = items.getByRole('row').filter({ hasText: share.sku! });
      await expect(line.getByTestId('line-discount')).toHaveText(`−${euros(share.amount)}Coupon ${code}`);
      const lineTotal = recorded.lines.find((l) => l.sku === share.sku)!.lineTotal;
      await expect(line.getByRole('cell').last()).toHaveText(euros(lineTotal - share.amount));
    }
    await screenshot(page, 'order-coupon-lines');
  });

  test('an admin sends a customer a password reset link, disables them so they cannot log in, and enables them again', async ({ page, browser, request, gatewayURL, storefrontURL }) => {
    const email = uniqueEmail('disable');
    const customer = await registerCustomerSession(request, gatewayURL, email, PASSWORD);

    await signInAsAdmin(page, '/customers');
    await page.getByRole('searchbox', { name: /Email contains/ }).fill(email);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('row')).toHaveCount(2); // the header and the one account
    await screenshot(page, 'customers');
    await page.getByRole('link', { name: email }).click();
    await expect(page.getByTestId('account-status')).toContainText('active');

    // A customer who cannot sign in asked the shop: the admin mails them a reset link (never seeing it); a second one within the minute is refused, saying why.
    await page.getByRole('button', { name: 'Send password reset link' }).click();
    await page.getByRole('dialog', { name: `Send ${email} a password reset link?` }).getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByText(`Reset link sent to ${email}`)).toBeVisible();
    await page.getByRole('button', { name: 'Send password reset link' }).click();
    await page.getByRole('dialog', { name: `Send ${email} a password reset link?` }).getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByRole('dialog').getByTestId('action-refused')).toContainText(`A reset link was mailed to ${email} less than 60 seconds ago`);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('dialog', { name: `Disable ${email}?` }).getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByText(`${email} is disabled`)).toBeVisible();
    await expect(page.getByTestId('account-status')).toContainText('disabled since');
    await screenshot(page, 'customer-disabled');

    // Its session is over at the gateway, and the storefront refuses the login with a clear reason.
    const me = await request.get(`${gatewayURL}/api/me`, { headers: { authorization: `Bearer ${customer.accessToken}` } });
    expect(me.status()).toBe(401);
    const shopper = await browser.newPage();
    await storefrontLogin(shopper, storefrontURL, email);
    await expect(shopper.getByRole('alert').filter({ hasText: 'This account has been disabled' })).toBeVisible();
    await expect(shopper).toHaveURL(/\/account\/login/);

    await page.getByRole('button', { name: 'Enable account' }).click();
    await page.getByRole('dialog', { name: `Enable ${email}?` }).getByRole('button', { name: 'Enable' }).click();
    await expect(page.getByTestId('account-status')).toContainText('active');
    expect((await login(request, gatewayURL, { email, password: PASSWORD })).user.email).toBe(email);
    await shopper.close();
  });

  test('a poison event is dead-lettered by the consumers that refuse it, shown with its error, and retried to its group', async ({ page }) => {
    const redisUrl = process.env.E2E_REDIS_URL;
    const prefix = process.env.E2E_REDIS_PREFIX;
    expect(redisUrl, 'the platform says where its events are (E2E_REDIS_URL)').toBeTruthy();
    const redis = new Redis(redisUrl!);
    try {
      // A product update whose payload breaks the contract, as a broken producer would publish it:
      // every consumer that parses catalog product updates refuses it and dead-letters it at once.
      const eventId = randomUUID();
      const envelope = {
        eventId,
        eventType: 'catalog.product.updated.v1',
        occurredAt: new Date().toISOString(),
        aggregateId: randomUUID(),
        version: 1,
        payload: { product: 'not a product' },
        metadata: { source: 'e2e-broken-producer' },
      };
      await redis.xadd(`${prefix}{events.catalog}`, '*', 'envelope', JSON.stringify(envelope));

      await signInAsAdmin(page, '/operations');
      const rows = page.locator(`tr[data-event-id="${eventId}"]`);
      await expect(async () => {
        await page.reload();
        await expect(rows.first()).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      const first = rows.first();
      await expect(first).toContainText('catalog.product.updated.v1');
      await expect(first).toContainText('does not match its contract');
      const letterId = await first.getAttribute('data-letter-id');
      const group = await first.getAttribute('data-group');
      await first.locator('summary').click(); // the payload, unfolded
      await expect(first).toContainText('not a product');
      await screenshot(page, 'operations');

      await first.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('dialog', { name: 'Retry this event?' }).getByRole('button', { name: 'Retry' }).click();
      await expect(page.getByText(`catalog.product.updated.v1 is re-delivered to ${group}`)).toBeVisible();
      // The letter left; its group got the event again, still refused it, and it is back as a new letter.
      await expect(page.locator(`tr[data-letter-id="${letterId}"]`)).toHaveCount(0);
      await expect(async () => {
        await page.reload();
        await expect(page.locator(`tr[data-event-id="${eventId}"][data-group="${group}"]`)).toHaveCount(1, { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      const again = page.locator(`tr[data-event-id="${eventId}"][data-group="${group}"]`);
      expect(await again.getAttribute('data-letter-id')).not.toBe(letterId);

      // Discarding it for good.
      await again.getByRole('button', { name: 'Discard' }).click();
      await page.getByRole('dialog', { name: 'Discard this event?' }).getByRole('button', { name: 'Discard' }).click();
      await expect(page.getByText('The dead letter is discarded')).toBeVisible();
      await expect(page.locator(`tr[data-event-id="${eventId}"][data-group="${group}"]`)).toHaveCount(0);
    } finally {
      redis.disconnect();
    }
  });
});
