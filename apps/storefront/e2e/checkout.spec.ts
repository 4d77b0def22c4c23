import type { APIRequestContext, Page } from '@playwright/test';
import { cartsAvailable, checkoutAvailable, firstProduct, setStock } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';

async function addToCart(page: Page, slug: string, sku: string): Promise<void> {
  await page.goto(`/p/${slug}?sku=${sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(sku);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
}

/** Without the cart API behind the gateway there is nothing to check out: the shopper is told so. */
async function cartMissing(page: Page, request: APIRequestContext, gatewayURL: string): Promise<boolean> {
  if (await cartsAvailable(request, gatewayURL)) return false;
  test.info().annotations.push({ type: 'degraded', description: 'the gateway does not route /api/carts' });
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The cart is not available right now. Please try again in a moment.');
  return true;
}

async function fillAddress(page: Page, postalCode = 'D02 X285'): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await page.getByLabel('City').fill('Dublin');
  await page.getByLabel('Postal code').fill(postalCode);
  await page.getByLabel('Country').selectOption('IE');
}

test('a guest registers at checkout, pays with the approving test card and sees the order confirmed', async ({ page, request, gatewayURL }) => {
  const product = await firstProduct(request, gatewayURL, 'footwear');
  await setStock(request, gatewayURL, product.sku, 50);
  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  if (await cartMissing(page, request, gatewayURL)) return;
  await addToCart(page, product.slug, product.sku);

  // Checkout needs an account: the guest is sent to sign in, and registers from there.
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page).toHaveURL(/\/account\/login\?next=%2Fcheckout|\/account\/login\?next=\/checkout/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveTitle('Create an account · FlashShop');

  // The API's validation errors show next to the field they name.
  const email = uniqueEmail('approve');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#password-error')).toHaveText('must be at least 8 characters long');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, '05-register-error');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();

  // The guest cart came along (merged into the new customer's cart).
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(product.title);
  await expect(page.getByText('Test mode', { exact: true })).toBeVisible();

  if (!(await checkoutAvailable(request, gatewayURL))) {
    test.info().annotations.push({ type: 'degraded', description: 'the gateway does not route /api/checkout' });
    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Checkout is not available right now');
    await expect(page).toHaveURL(/\/checkout$/);
    await screenshot(page, '06-checkout-unavailable');
    return;
  }

  await fillAddress(page, '!!!');
  await screenshot(page, '06-checkout');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('#postalCode-error')).toBeVisible();
  await expect(page.getByLabel('Postal code')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Postal code').fill('D02 X285');
  await page.getByLabel(/Test card — approved/).check();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
  await expect(page.getByText('Your order is confirmed')).toBeVisible();
  await expect(page.getByRole('table')).toContainText(product.sku);
  await screenshot(page, '07-order-confirmed');

  await page.goto('/account');
  await expect(page.getByTestId('order-row').first()).toContainText('Confirmed');
  await screenshot(page, '08-account');
});

test('a declined test card cancels the order and says why', async ({ page, request, gatewayURL }) => {
  const product = await firstProduct(request, gatewayURL, 'home');
  await setStock(request, gatewayURL, product.sku, 50);

  await page.goto('/account/register');
  await page.getByLabel('Email').fill(uniqueEmail('decline'));
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();

  await page.goto(`/p/${product.slug}?sku=${product.sku}`);
  if (await cartMissing(page, request, gatewayURL)) return;
  await addToCart(page, product.slug, product.sku);
  await page.goto('/checkout');
  await fillAddress(page);
  await page.getByLabel(/Test card — declined/).check();

  if (!(await checkoutAvailable(request, gatewayURL))) {
    test.info().annotations.push({ type: 'degraded', description: 'the gateway does not route /api/checkout' });
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Checkout is not available right now');
    return;
  }

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled', { timeout: 60_000 });
  await expect(page.getByTestId('cancel-reason')).toContainText('Your card was declined');
  await screenshot(page, '09-order-declined');
});
