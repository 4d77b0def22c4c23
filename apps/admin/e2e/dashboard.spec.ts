import { registerCustomerSession, uniqueEmail } from '@shop/e2e-platform';
import { expect, screenshot, signInAsAdmin, test } from './support/fixtures';
import { buyThroughCheckout } from './support/shop-api';

test.describe('the live dashboard', () => {
  test('goes live, and a real checkout moves its counters within seconds without a reload', async ({ page, request, gatewayURL }) => {
    await signInAsAdmin(page);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('live-status')).toHaveText('Live', { timeout: 30_000 });
    // Every service the analytics service watches is listed with its readiness.
    const services = page.getByTestId('card-services');
    for (const name of ['catalog', 'inventory', 'orders', 'payments', 'gateway']) await expect(services.getByRole('rowheader', { name })).toBeVisible();
    await screenshot(page, 'dashboard');

    const figure = async (testId: string) => Number((await page.getByTestId(testId).first().textContent())?.trim());
    const ordersBefore = await figure('orders-total');
    const paidBefore = await figure('funnel-paid');
    // A marker on the page's window: a reload would drop it.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    const session = await registerCustomerSession(request, gatewayURL, uniqueEmail('dashboard-buyer'), 'correct horse battery staple');
    await buyThroughCheckout(request, gatewayURL, session);

    await expect.poll(() => figure('orders-total'), { timeout: 30_000 }).toBeGreaterThan(ordersBefore);
    await expect.poll(() => figure('funnel-paid'), { timeout: 30_000 }).toBeGreaterThan(paidBefore);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, 'dashboard-after-checkout');
  });
});
