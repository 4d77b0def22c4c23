import type { Page } from '@playwright/test';
import { stockedProduct } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';

/**
 * A shopper's name and address book on the real platform (the gateway's identity, the checkout
 * saga): registered with a name, an address saved on the account page (a wrong postal code is
 * said next to its field), checkout filled in with the default address, and an address typed at
 * checkout saved to the account with "Save this address to my account".
 */

async function registerNamed(page: Page, name: string, label: string): Promise<void> {
  await page.goto('/account/register');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(uniqueEmail(label));
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function addToCartFrom(page: Page, slug: string, sku: string): Promise<void> {
  await page.goto(`/p/${slug}?sku=${sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(sku);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
}

test('registers with a name, saves an address, and checks out with it filled in', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'footwear');
  await registerNamed(page, 'Ada Lovelace', 'named');
  await expect(page.getByTestId('account-greeting')).toHaveText('Hello, Ada Lovelace');
  await expect(page.getByRole('textbox', { name: /^Your name/ })).toHaveValue('Ada Lovelace');

  // The address book: a postal code of another country is refused next to its field, in a shopper's words.
  const book = page.getByTestId('address-book');
  await book.getByRole('button', { name: 'Add an address' }).click();
  const form = book.getByTestId('address-form');
  await form.getByLabel('Full name').fill('Ada Lovelace');
  await form.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await form.getByLabel('City').fill('Dublin');
  await form.getByLabel('Postal code').fill('10115');
  await form.getByLabel('Country').selectOption('IE');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(form.locator('[id$="postalCode-error"]')).toHaveText('Must be a postal code of IE, such as D02 X285.');
  await form.getByLabel('Postal code').fill('D02 X285');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByTestId('address-notice')).toHaveText('Address saved.');
  const saved = book.getByTestId('saved-address');
  await expect(saved).toHaveCount(1);
  await expect(saved.first()).toContainText('1 Grand Canal Quay, Dublin D02 X285, IE');
  await expect(saved.first().getByTestId('default-address')).toBeVisible();

  // A second address, made the default, then deleted: the first is the default again.
  await book.getByRole('button', { name: 'Add an address' }).click();
  await form.getByLabel('Full name').fill('Ada Lovelace');
  await form.getByLabel('Address', { exact: true }).fill('10 Downing Street');
  await form.getByLabel('City').fill('London');
  await form.getByLabel('Postal code').fill('SW1A 2AA');
  await form.getByLabel('Country').selectOption('GB');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(saved).toHaveCount(2);
  const london = saved.filter({ hasText: 'London' });
  await london.getByRole('button', { name: 'Make default' }).click();
  await expect(london.getByTestId('default-address')).toBeVisible();
  await expect(saved.first()).toContainText('London');
  await screenshot(page, '30-address-book');
  await london.getByRole('button', { name: 'Delete' }).click();
  await expect(saved).toHaveCount(1);
  await expect(saved.first().getByTestId('default-address')).toBeVisible();

  // Checkout fills in the default address.
  await addToCartFrom(page, product.slug, product.sku);
  await page.goto('/checkout');
  await expect(page.getByTestId('saved-address-picker')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel('Full name')).toHaveValue('Ada Lovelace');
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('1 Grand Canal Quay');
  await expect(page.getByLabel('City')).toHaveValue('Dublin');
  await expect(page.getByLabel('Postal code')).toHaveValue('D02 X285');
  await expect(page.getByLabel('Country')).toHaveValue('IE');
  // A saved address is not offered to be saved again.
  await expect(page.getByTestId('save-address')).toHaveCount(0);
  await screenshot(page, '31-checkout-saved-address');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByText('1 Grand Canal Quay').first()).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
});

test('an address typed at checkout is saved to the account when asked, once the order is placed', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');
  await registerNamed(page, 'Grace Hopper', 'save-at-checkout');
  await expect(page.getByTestId('address-book')).toContainText('No saved addresses yet');

  await addToCartFrom(page, product.slug, product.sku);
  await page.goto('/checkout');
  // No saved address yet: the account's name is the first guess at the recipient.
  await expect(page.getByTestId('saved-address-picker')).toHaveCount(0);
  await expect(page.getByLabel('Full name')).toHaveValue('Grace Hopper');
  await page.getByLabel('Address', { exact: true }).fill('5 Harbour Road');
  await page.getByLabel('City').fill('Cork');
  await page.getByLabel('Postal code').fill('T12 X70A');
  await page.getByLabel('Country').selectOption('IE');
  await page.getByLabel('Save this address to my account').check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);

  await page.goto('/account');
  const saved = page.getByTestId('saved-address');
  await expect(saved).toHaveCount(1);
  await expect(saved.first()).toContainText('Grace Hopper, 5 Harbour Road, Cork T12 X70A, IE');
  await expect(saved.first().getByTestId('default-address')).toBeVisible();
});
